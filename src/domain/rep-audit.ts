/**
 * The monthly rep audit (metrics.md "Monthly rep audit"): closed deals of the 12 months
 * ending on the month's last day, industry medians of reps with n ≥ 5, tiers (first match
 * wins), routing advice for specialists and the revenue recoverable from coaching.
 */

import { fromDayNumber } from './dates.js';
import { type DealTable, hasAmount, notSetCode, OPEN } from './deal-table.js';
import { median } from './stats.js';
import { cmpLabel } from './win-rate.js';

export type Tier = 'TOP PERFORMER' | 'SPECIALIST' | 'AVERAGE' | 'NEEDS COACHING';
export const TIERS: Tier[] = ['TOP PERFORMER', 'SPECIALIST', 'AVERAGE', 'NEEDS COACHING'];
export const AUDIT_MIN_N = 5;
/** ±10 pp around the median marks a specialist's strengths and weaknesses */
export const SPECIALIST_GAP = 0.1;

export interface AuditIndustry {
  industry: string;
  won: number;
  n: number;
  rate: number;
  vsMedian: number;
}

export interface AuditRep {
  repId: string;
  tier: Tier;
  industries: AuditIndustry[];
}

export interface RoutingAdvice {
  repId: string;
  routeTo: AuditIndustry[];
  stop: AuditIndustry[];
}

export interface AuditResult {
  month: string;
  asOf: string;
  window: { from: string; to: string };
  medians: Record<string, number>;
  reps: AuditRep[];
  counts: Record<Tier, number>;
  routing: RoutingAdvice[];
  /** over the deals with an amount (metrics.md "Missing values") */
  recoverable: number;
  /** deals behind `recoverable` whose blank amount left them out of it */
  recoverableWithoutAmount: number;
  /**
   * closed deals of the window whose industry is not set: no industry to rank a rep in,
   * so they are in no tier's cell
   */
  industryNotSet: number;
}

export interface Month {
  year: number;
  /** 1..12 */
  month: number;
}

export function parseMonth(text: string): Month | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

export function monthLabel(m: Month): string {
  return `${m.year}-${String(m.month).padStart(2, '0')}`;
}

/** [first day, last day] of the month as day numbers */
export function monthBounds(m: Month): [number, number] {
  return [
    Date.UTC(m.year, m.month - 1, 1) / 86_400_000,
    Date.UTC(m.year, m.month, 1) / 86_400_000 - 1,
  ];
}

/** The last complete month ≤ asOf. */
export function defaultMonth(asOf: number): Month {
  const [y, mo] = fromDayNumber(asOf).split('-').map(Number) as [number, number];
  const m = { year: y, month: mo };
  if (monthBounds(m)[1] <= asOf) return m;
  return mo === 1 ? { year: y - 1, month: 12 } : { year: y, month: mo - 1 };
}

interface Cell {
  won: number;
  n: number;
  /** sum over the deals with an amount, and how many have one */
  amount: number;
  withAmount: number;
}

export function tierOf(industries: AuditIndustry[]): Tier {
  const n = industries.length;
  const above = industries.filter((x) => x.vsMedian > 0).length;
  const below = industries.filter((x) => x.vsMedian < 0).length;
  const best = Math.max(...industries.map((x) => x.vsMedian));
  const worst = Math.min(...industries.map((x) => x.vsMedian));
  if (above >= Math.ceil(0.8 * n)) return 'TOP PERFORMER';
  if (best > SPECIALIST_GAP && worst < -SPECIALIST_GAP) return 'SPECIALIST';
  if (below >= Math.ceil(0.6 * n)) return 'NEEDS COACHING';
  return 'AVERAGE';
}

/** Reps without any industry of n ≥ 5 in the window have no tier and are left out. */
export function computeAudit(table: DealTable, month: Month): AuditResult {
  const mEnd = monthBounds(month)[1];
  const start = monthBounds({
    year: month.month === 12 ? month.year : month.year - 1,
    month: (month.month % 12) + 1,
  })[0];
  const end = Math.min(mEnd, table.asOf);
  const nInd = table.labels.industry.length;
  const cells = new Map<number, Cell>();
  const rep = table.codes.rep;
  const ind = table.codes.industry;
  const notSet = notSetCode(table.labels.industry);
  let industryNotSet = 0;
  for (let i = 0; i < table.size; i++) {
    const c = table.closed[i]!;
    if (c === OPEN || c < start || c > end) continue;
    if (ind[i] === notSet) {
      industryNotSet++;
      continue;
    }
    const key = rep[i]! * nInd + ind[i]!;
    let cell = cells.get(key);
    if (!cell) {
      cell = { won: 0, n: 0, amount: 0, withAmount: 0 };
      cells.set(key, cell);
    }
    cell.n++;
    cell.won += table.won[i]!;
    const amount = table.amount[i]!;
    if (hasAmount(amount)) {
      cell.amount += amount;
      cell.withAmount++;
    }
  }
  const ratesByIndustry = new Map<number, number[]>();
  for (const [key, cell] of cells) {
    if (cell.n < AUDIT_MIN_N) continue;
    const i = key % nInd;
    const list = ratesByIndustry.get(i) ?? [];
    list.push(cell.won / cell.n);
    ratesByIndustry.set(i, list);
  }
  const medians = new Map<number, number>();
  for (const [i, rates] of ratesByIndustry) medians.set(i, median(rates));

  const perRep = new Map<
    number,
    Array<AuditIndustry & { meanAmount: number | null; withoutAmount: number }>
  >();
  for (const [key, cell] of cells) {
    if (cell.n < AUDIT_MIN_N) continue;
    const r = Math.floor(key / nInd);
    const i = key % nInd;
    const rate = cell.won / cell.n;
    const list = perRep.get(r) ?? [];
    list.push({
      industry: table.labels.industry[i]!,
      won: cell.won,
      n: cell.n,
      rate,
      vsMedian: rate - medians.get(i)!,
      meanAmount: cell.withAmount > 0 ? cell.amount / cell.withAmount : null,
      withoutAmount: cell.n - cell.withAmount,
    });
    perRep.set(r, list);
  }
  const reps: AuditRep[] = [];
  const routing: RoutingAdvice[] = [];
  const counts: Record<Tier, number> = {
    'TOP PERFORMER': 0,
    SPECIALIST: 0,
    AVERAGE: 0,
    'NEEDS COACHING': 0,
  };
  let recoverable = 0;
  let recoverableWithoutAmount = 0;
  for (const [r, list] of perRep) {
    list.sort((a, b) => cmpLabel(a.industry, b.industry));
    const tier = tierOf(list);
    counts[tier]++;
    const industries = list.map(({ meanAmount: _, withoutAmount: __, ...x }) => x);
    const repId = table.labels.rep[r]!;
    reps.push({ repId, tier, industries });
    if (tier === 'SPECIALIST') {
      routing.push({
        repId,
        routeTo: industries.filter((x) => x.vsMedian > SPECIALIST_GAP),
        stop: industries.filter((x) => x.vsMedian < -SPECIALIST_GAP),
      });
    }
    if (tier === 'NEEDS COACHING') {
      for (const x of list) {
        if (x.vsMedian >= 0) continue;
        // the deals with an amount, at their mean; the others are left out and counted
        const withAmount = x.n - x.withoutAmount;
        if (x.meanAmount !== null) recoverable += -x.vsMedian * withAmount * x.meanAmount;
        recoverableWithoutAmount += x.withoutAmount;
      }
    }
  }
  reps.sort((a, b) => cmpLabel(a.repId, b.repId));
  routing.sort((a, b) => cmpLabel(a.repId, b.repId));
  const medianRecord: Record<string, number> = {};
  for (const i of [...medians.keys()].sort((a, b) =>
    cmpLabel(table.labels.industry[a]!, table.labels.industry[b]!),
  )) {
    medianRecord[table.labels.industry[i]!] = medians.get(i)!;
  }
  return {
    month: monthLabel(month),
    asOf: fromDayNumber(table.asOf),
    window: { from: fromDayNumber(start), to: fromDayNumber(end) },
    medians: medianRecord,
    reps,
    counts,
    routing,
    recoverable,
    recoverableWithoutAmount,
    industryNotSet,
  };
}
