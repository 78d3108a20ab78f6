/**
 * The metric queries behind the CLI and Slack (docs/metrics.md defines each figure), registered
 * by name in registry.ts. Each checks its input against its schema (query-inputs.ts), loads
 * the deals as of a date from the deal store into the columnar table and hands it to the
 * pure domain.
 */

import { fromDayNumber, toDayNumber } from '../../domain/dates.js';
import { valueOfLabel } from '../../domain/deal.js';
import { hasAmount, OPEN } from '../../domain/deal-table.js';
import { computeDrivers, type DriversResult } from '../../domain/drivers.js';
import { editDistance } from '../../domain/edit-distance.js';
import { rankColeadCandidates } from '../../domain/fit-score.js';
import {
  computeMomentum,
  defaultQuarter,
  type MomentumResult,
  parseQuarter,
  quarterBounds,
} from '../../domain/momentum.js';
import {
  type AuditResult,
  computeAudit,
  defaultMonth,
  monthBounds,
  parseMonth,
} from '../../domain/rep-audit.js';
import { computeWinRates, type WinRateResult } from '../../domain/win-rate.js';
import type { Store } from '../ports/store.js';
import { statFns } from '../stat-fns.js';
import {
  type AuditInput,
  asOfDate,
  auditInput,
  type DriversInput,
  driversInput,
  type MomentumInput,
  momentumInput,
  parseQueryInput,
  type RsfsInput,
  rsfsInput,
  type WinRateInput,
  winRateInput,
} from './query-inputs.js';
import type { RsfsReport } from './query-results.js';
import { buildScoringContext, rsfsReportOf, scoreDeal } from './scoring.js';

/** What a query reads: the deal store alone. */
export type QueryStore = Pick<Store, 'deals'>;

export class DealNotFoundError extends Error {
  override name = 'DealNotFoundError';
  constructor(
    readonly dealId: string,
    readonly similar: string[],
  ) {
    super(`deal ${dealId} not found`);
  }
}

/** asOf as given (validated) or the data's as-of date. */
export async function resolveAsOf(store: QueryStore, asOf?: string): Promise<string> {
  if (asOf !== undefined) return parseQueryInput(asOfDate, asOf);
  const data = await store.deals.dataAsOf();
  if (!data) throw new RangeError('no deals in the store yet: import a CSV first (dealfit import)');
  return data;
}

export async function queryWinRate(store: QueryStore, input: WinRateInput): Promise<WinRateResult> {
  const o = parseQueryInput(winRateInput, input);
  const table = await store.deals.loadTable(await resolveAsOf(store, o.asOf));
  return computeWinRates(table, { window: o.window, ...(o.by ? { by: o.by } : {}) });
}

/** Up to 3 stored ids closest to `id` (case, zero padding, then edit distance). */
export async function similarDealIds(store: QueryStore, id: string): Promise<string[]> {
  const norm = (s: string) => s.toLowerCase().replace(/^([^\d]*)0*(\d)/, '$1$2');
  return (await store.deals.candidateIds(id))
    .filter((c) => c !== id)
    .map((c) => ({
      c,
      d: norm(c) === norm(id) ? -1 : editDistance(c.toLowerCase(), id.toLowerCase()),
    }))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map((x) => x.c);
}

export async function queryRsfs(store: QueryStore, input: RsfsInput): Promise<RsfsReport> {
  const { dealId, ...o } = parseQueryInput(rsfsInput, input);
  const asOf = await resolveAsOf(store, o.asOf);
  const ref = await store.deals.findRef(dealId);
  if (!ref || ref.deletedAt !== null || ref.createdDate > asOf) {
    throw new DealNotFoundError(dealId, await similarDealIds(store, dealId));
  }
  const ctx = buildScoringContext(await store.deals.loadTable(asOf));
  const i = ctx.rowOf(dealId)!;
  const table = ctx.table;
  const repId = table.labels.rep[table.codes.rep[i]!]!;
  const industry = valueOfLabel(table.labels.industry[table.codes.industry[i]!]!);
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
      amount: hasAmount(table.amount[i]!) ? table.amount[i]! : null,
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

export async function queryMomentum(
  store: QueryStore,
  input: MomentumInput,
): Promise<MomentumResult> {
  const o = parseQueryInput(momentumInput, input);
  const asOf = await resolveAsOf(store, o.asOf);
  const asOfDay = toDayNumber(asOf);
  const partial = o.partial === true;
  let quarter = defaultQuarter(asOfDay, partial);
  if (o.quarter !== undefined) {
    // the schema has checked that it parses
    const q = parseQuarter(o.quarter)!;
    const [start, end] = quarterBounds(q);
    if (start > asOfDay)
      throw new RangeError(`quarter ${o.quarter} starts after the as-of date ${asOf}`);
    if (end > asOfDay && !partial) {
      throw new RangeError(`quarter ${o.quarter} is not complete as of ${asOf}: add --partial`);
    }
    quarter = q;
  }
  return computeMomentum(await store.deals.loadTable(asOf), quarter, partial, statFns);
}

export async function queryDrivers(store: QueryStore, input: DriversInput): Promise<DriversResult> {
  const o = parseQueryInput(driversInput, input);
  const ctx = buildScoringContext(await store.deals.loadTable(await resolveAsOf(store, o.asOf)));
  return computeDrivers(ctx.table, ctx.rsfs);
}

export async function queryAudit(store: QueryStore, input: AuditInput): Promise<AuditResult> {
  const o = parseQueryInput(auditInput, input);
  const asOf = await resolveAsOf(store, o.asOf);
  const asOfDay = toDayNumber(asOf);
  let month = defaultMonth(asOfDay);
  if (o.month !== undefined) {
    // the schema has checked that it parses
    const m = parseMonth(o.month)!;
    if (monthBounds(m)[1] > asOfDay) {
      throw new RangeError(`month ${o.month} is not complete as of ${asOf}`);
    }
    month = m;
  }
  return computeAudit(await store.deals.loadTable(asOf), month);
}
