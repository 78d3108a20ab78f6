/**
 * The metric queries behind the CLI and Slack (contracts.md "Metric queries"). Each loads
 * the deals as of a date into the columnar table and hands it to the pure domain.
 */

import type { Db } from '../../adapters/storage/database.js';
import {
  candidateDealIds,
  findDealRef,
  loadDealTable,
  sqliteDealStore,
} from '../../adapters/storage/deal-queries.js';
import { fromDayNumber, isIsoDate, toDayNumber } from '../../domain/dates.js';
import type { Dimension } from '../../domain/deal.js';
import { OPEN } from '../../domain/deal-table.js';
import { computeDrivers } from '../../domain/drivers.js';
import { rankColeadCandidates } from '../../domain/fit-score.js';
import {
  computeMomentum,
  defaultQuarter,
  parseQuarter,
  quarterBounds,
} from '../../domain/momentum.js';
import { computeAudit, defaultMonth, monthBounds, parseMonth } from '../../domain/rep-audit.js';
import { computeWinRates } from '../../domain/win-rate.js';
import type { DealStore } from '../ports/deal-store.js';
import type { Store } from '../ports/store.js';
import { statFns } from '../stat-fns.js';
import type {
  AuditReport,
  DriversReport,
  MomentumReport,
  RsfsReport,
  WinRateReport,
} from './query-results.js';
import { buildScoringContext, rsfsReportOf, scoreDeal } from './scoring.js';

export class DealNotFoundError extends Error {
  override name = 'DealNotFoundError';
  constructor(
    readonly dealId: string,
    readonly similar: string[],
  ) {
    super(`deal ${dealId} not found`);
  }
}

/**
 * BRIDGE (wt-stores): the jobs, digest and co-lead scoring already pass the store; the
 * "queries" branch converts this file to the store port, and its version replaces this.
 */
type QueryStore = Db | Pick<Store, 'deals'>;
const dealsOf = (s: QueryStore): DealStore => ('deals' in s ? s.deals : sqliteDealStore(s));

/** asOf as given (validated) or the data's as-of date. */
export function resolveAsOf(db: QueryStore, asOf?: string): string {
  if (asOf !== undefined) {
    if (!isIsoDate(asOf)) throw new RangeError(`--as-of must be a date YYYY-MM-DD, got "${asOf}"`);
    return asOf;
  }
  const data = dealsOf(db).dataAsOf();
  if (!data) throw new RangeError('no deals in the store yet: import a CSV first (dealfit import)');
  return data;
}

export function queryWinRate(
  db: QueryStore,
  o: { asOf?: string; by?: Dimension; window: number | 'all' },
): WinRateReport {
  if (o.window !== 'all' && !(Number.isInteger(o.window) && o.window > 0)) {
    throw new RangeError(`window must be a whole number of days or "all", got "${o.window}"`);
  }
  const table = dealsOf(db).loadTable(resolveAsOf(db, o.asOf));
  return computeWinRates(table, { window: o.window, ...(o.by ? { by: o.by } : {}) });
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Up to 3 stored ids closest to `id` (case, zero padding, then edit distance). */
export function similarDealIds(db: Db, id: string): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/^([^\d]*)0*(\d)/, '$1$2');
  return candidateDealIds(db, id)
    .filter((c) => c !== id)
    .map((c) => ({
      c,
      d: norm(c) === norm(id) ? -1 : levenshtein(c.toLowerCase(), id.toLowerCase()),
    }))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map((x) => x.c);
}

export function queryRsfs(db: Db, dealId: string, o: { asOf?: string }): RsfsReport {
  const asOf = resolveAsOf(db, o.asOf);
  const ref = findDealRef(db, dealId);
  if (!ref || ref.deletedAt !== null || ref.createdDate > asOf) {
    throw new DealNotFoundError(dealId, similarDealIds(db, dealId));
  }
  const ctx = buildScoringContext(loadDealTable(db, asOf));
  const i = ctx.rowOf(dealId)!;
  const table = ctx.table;
  const repId = table.labels.rep[table.codes.rep[i]!]!;
  const industry = table.labels.industry[table.codes.industry[i]!]!;
  const assignedAt = fromDayNumber(table.assigned[i]!);
  const s = scoreDeal(ctx, {
    repId,
    industry,
    createdDate: fromDayNumber(table.created[i]!),
    assignedDate: assignedAt,
  });
  const closed = table.closed[i]! !== OPEN;
  const candidates = rankColeadCandidates(ctx.index, repId, industry, table.assigned[i]!);
  return rsfsReportOf(ctx, s, {
    dealId,
    repId,
    industry,
    coleadCandidates: candidates.slice(0, 3),
    deal: {
      amount: table.amount[i]!,
      region: table.labels.region[table.codes.region[i]!]!,
      product: table.labels.product[table.codes.product[i]!]!,
      leadSource: table.labels.leadSource[table.codes.leadSource[i]!]!,
      stage: table.stageLabels[table.stage[i]!]!,
      createdDate: fromDayNumber(table.created[i]!),
      closed,
      ageDays: (closed ? table.closed[i]! : table.asOf) - table.created[i]!,
    },
    asOf,
  });
}

export function queryMomentum(
  db: QueryStore,
  o: { asOf?: string; quarter?: string; partial?: boolean },
): MomentumReport {
  const asOf = resolveAsOf(db, o.asOf);
  const asOfDay = toDayNumber(asOf);
  const partial = o.partial === true;
  let quarter = defaultQuarter(asOfDay, partial);
  if (o.quarter !== undefined) {
    const q = parseQuarter(o.quarter);
    if (!q) throw new RangeError(`--quarter must look like 2024Q2, got "${o.quarter}"`);
    const [start, end] = quarterBounds(q);
    if (start > asOfDay)
      throw new RangeError(`quarter ${o.quarter} starts after the as-of date ${asOf}`);
    if (end > asOfDay && !partial) {
      throw new RangeError(`quarter ${o.quarter} is not complete as of ${asOf}: add --partial`);
    }
    quarter = q;
  }
  return computeMomentum(dealsOf(db).loadTable(asOf), quarter, partial, statFns);
}

export function queryDrivers(db: QueryStore, o: { asOf?: string }): DriversReport {
  const ctx = buildScoringContext(dealsOf(db).loadTable(resolveAsOf(db, o.asOf)));
  return computeDrivers(ctx.table, ctx.rsfs);
}

export function queryAudit(db: QueryStore, o: { asOf?: string; month?: string }): AuditReport {
  const asOf = resolveAsOf(db, o.asOf);
  const asOfDay = toDayNumber(asOf);
  let month = defaultMonth(asOfDay);
  if (o.month !== undefined) {
    const m = parseMonth(o.month);
    if (!m) throw new RangeError(`--month must look like 2024-06, got "${o.month}"`);
    if (monthBounds(m)[1] > asOfDay) {
      throw new RangeError(`month ${o.month} is not complete as of ${asOf}`);
    }
    month = m;
  }
  return computeAudit(dealsOf(db).loadTable(asOf), month);
}
