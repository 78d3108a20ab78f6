/**
 * Win rates with Wilson intervals: overall and segmented over a window, the weekly trend,
 * consecutive declines, and the rate/mix decomposition of the change (metrics.md "Win rate"
 * and "Why it moved").
 */

import { fromDayNumber } from './dates.js';
import { DIMENSIONS, type Dimension, isNotSet } from './deal.js';
import { type DealTable, OPEN } from './deal-table.js';
import { type RateFigure, rateFigure } from './stats.js';

export type WindowSpec = number | 'all';

export interface SegmentRate extends RateFigure {
  dimension: Dimension;
  value: string;
  lowSample: boolean;
}

export interface TrendPoint extends RateFigure {
  weekEnd: string;
}

export interface DecompositionRow {
  dimension: Dimension;
  segment: string;
  rateEffect: number;
  mixEffect: number;
  total: number;
  previous: RateFigure;
  current: RateFigure;
}

export interface WinRateResult {
  asOf: string;
  window: WindowSpec;
  overall: RateFigure;
  previous: RateFigure | null;
  segments: SegmentRate[];
  trend: TrendPoint[];
  consecutiveDeclines: number;
  decomposition: DecompositionRow[];
  biggestContributor: DecompositionRow | null;
}

/** Segments with fewer closed deals are "low sample" and never drive an alert. */
export const LOW_SAMPLE_N = 30;
export const TREND_WEEKS = 12;

interface Counts {
  won: Float64Array;
  n: Float64Array;
}

/** Per-code won/n of closed deals with close day in (from, to]. */
export function segmentCounts(table: DealTable, dim: Dimension, from: number, to: number): Counts {
  const size = table.labels[dim].length;
  const won = new Float64Array(size);
  const n = new Float64Array(size);
  const codes = table.codes[dim];
  const closed = table.closed;
  for (let i = 0; i < table.size; i++) {
    const c = closed[i]!;
    if (c === OPEN || c <= from || c > to) continue;
    const s = codes[i]!;
    n[s]!++;
    won[s]! += table.won[i]!;
  }
  return { won, n };
}

/**
 * Cumulative closed and won counts per close day, so any window (from, to] is two lookups.
 * Used for the overall rate, the previous window and the 12-point trend.
 */
export class DailyCounts {
  readonly first: number;
  private readonly cumN: Float64Array;
  private readonly cumWon: Float64Array;

  constructor(private readonly table: DealTable) {
    let first = table.asOf;
    for (let i = 0; i < table.size; i++) {
      const c = table.closed[i]!;
      if (c !== OPEN && c < first) first = c;
    }
    this.first = first;
    const len = table.asOf - first + 2;
    this.cumN = new Float64Array(len);
    this.cumWon = new Float64Array(len);
    for (let i = 0; i < table.size; i++) {
      const c = table.closed[i]!;
      if (c === OPEN) continue;
      this.cumN[c - first + 1]!++;
      this.cumWon[c - first + 1]! += table.won[i]!;
    }
    for (let j = 1; j < len; j++) {
      this.cumN[j]! += this.cumN[j - 1]!;
      this.cumWon[j]! += this.cumWon[j - 1]!;
    }
  }

  /** closed deals with close day ≤ day */
  private at(cum: Float64Array, day: number): number {
    const j = Math.min(Math.max(day - this.first + 1, 0), cum.length - 1);
    return cum[j]!;
  }

  /** won/n of deals closed in (from, to] */
  window(from: number, to: number): RateFigure {
    const n = this.at(this.cumN, to) - this.at(this.cumN, from);
    const won = this.at(this.cumWon, to) - this.at(this.cumWon, from);
    return rateFigure(won, n);
  }

  get asOf(): number {
    return this.table.asOf;
  }
}

/** The window (from, to] ending at `end` for W days, or everything up to `end`. */
export function windowBounds(end: number, window: WindowSpec): [number, number] {
  return window === 'all' ? [Number.NEGATIVE_INFINITY, end] : [end - window, end];
}

/** Day 0 (1970-01-01) was a Thursday, so (day + 4) mod 7 = 0 on Sundays. */
export function lastSundayOnOrBefore(day: number): number {
  return day - ((((day + 4) % 7) + 7) % 7);
}

export function weeklyTrend(daily: DailyCounts, window: WindowSpec): TrendPoint[] {
  const last = lastSundayOnOrBefore(daily.asOf);
  const points: TrendPoint[] = [];
  for (let k = TREND_WEEKS - 1; k >= 0; k--) {
    const end = last - 7 * k;
    const [from, to] = windowBounds(end, window);
    points.push({ weekEnd: fromDayNumber(end), ...daily.window(from, to) });
  }
  return points;
}

/** How many of the most recent week-over-week steps fell (a tie or a gap ends the run). */
export function consecutiveDeclines(trend: Array<{ rate: number | null }>): number {
  let count = 0;
  for (let i = trend.length - 1; i >= 1; i--) {
    const cur = trend[i]!.rate;
    const prev = trend[i - 1]!.rate;
    if (cur === null || prev === null || !(cur < prev)) break;
    count++;
  }
  return count;
}

export interface SegmentPair {
  segment: string;
  wonA: number;
  nA: number;
  wonB: number;
  nB: number;
}

/**
 * Rate and mix effects of each segment between windows A and B (metrics.md). A segment
 * absent from one window takes the other window's rate there: its weight is 0 on that side,
 * so the choice changes no total and puts the whole effect into mix, where it belongs.
 */
export function decompose(
  dimension: Dimension,
  pairs: SegmentPair[],
): Array<Omit<DecompositionRow, 'previous' | 'current'> & { pair: SegmentPair }> {
  let nA = 0;
  let nB = 0;
  let wonA = 0;
  let wonB = 0;
  for (const p of pairs) {
    nA += p.nA;
    nB += p.nB;
    wonA += p.wonA;
    wonB += p.wonB;
  }
  if (nA === 0 || nB === 0) return [];
  const centre = (wonA / nA + wonB / nB) / 2;
  return pairs
    .filter((p) => p.nA > 0 || p.nB > 0)
    .map((p) => {
      const wA = p.nA / nA;
      const wB = p.nB / nB;
      const rA = p.nA > 0 ? p.wonA / p.nA : p.wonB / p.nB;
      const rB = p.nB > 0 ? p.wonB / p.nB : rA;
      const rateEffect = ((rB - rA) * (wA + wB)) / 2;
      const mixEffect = (wB - wA) * ((rA + rB) / 2 - centre);
      return {
        dimension,
        segment: p.segment,
        rateEffect,
        mixEffect,
        total: rateEffect + mixEffect,
        pair: p,
      };
    });
}

/**
 * The decomposition rows of one dimension between the deals closed in windows A and B,
 * each given as (from, to] close days, with both windows' rates per segment.
 */
export function decompositionRows(
  table: DealTable,
  dim: Dimension,
  windowA: [number, number],
  windowB: [number, number],
): DecompositionRow[] {
  const a = segmentCounts(table, dim, windowA[0], windowA[1]);
  const b = segmentCounts(table, dim, windowB[0], windowB[1]);
  const pairs = table.labels[dim].map((segment, code) => ({
    segment,
    wonA: a.won[code]!,
    nA: a.n[code]!,
    wonB: b.won[code]!,
    nB: b.n[code]!,
  }));
  return decompose(dim, pairs).map(({ pair, ...rest }) => ({
    ...rest,
    previous: rateFigure(pair.wonA, pair.nA),
    current: rateFigure(pair.wonB, pair.nB),
  }));
}

export interface WinRateOptions {
  window: WindowSpec;
  /** the dimension to segment by; all dimensions when omitted */
  by?: Dimension;
}

export function computeWinRates(table: DealTable, options: WinRateOptions): WinRateResult {
  const { window } = options;
  const asOf = table.asOf;
  const daily = new DailyCounts(table);
  const [from, to] = windowBounds(asOf, window);
  const overall = daily.window(from, to);
  const dims = options.by ? [options.by] : [...DIMENSIONS];
  const segments: SegmentRate[] = [];
  for (const dim of dims) {
    const c = segmentCounts(table, dim, from, to);
    const rows: SegmentRate[] = [];
    table.labels[dim].forEach((value, code) => {
      const n = c.n[code]!;
      if (n === 0) return;
      rows.push({
        dimension: dim,
        value,
        lowSample: n < LOW_SAMPLE_N,
        ...rateFigure(c.won[code]!, n),
      });
    });
    // "(not set)" last: it is the deals without a value, not a segment to rank
    rows.sort(
      (a, b) =>
        Number(isNotSet(a.value)) - Number(isNotSet(b.value)) ||
        b.n - a.n ||
        cmpLabel(a.value, b.value),
    );
    segments.push(...rows);
  }
  const trend = weeklyTrend(daily, window);
  let previous: RateFigure | null = null;
  const decomposition: DecompositionRow[] = [];
  if (window !== 'all') {
    previous = daily.window(asOf - 2 * window, asOf - window);
    for (const dim of DIMENSIONS) {
      decomposition.push(
        ...decompositionRows(table, dim, [asOf - 2 * window, asOf - window], [asOf - window, asOf]),
      );
    }
  }
  let biggestContributor: DecompositionRow | null = null;
  for (const row of decomposition) {
    if (isNotSet(row.segment)) continue; // the deals without a value are not a segment
    if (row.total < 0 && (biggestContributor === null || row.total < biggestContributor.total)) {
      biggestContributor = row;
    }
  }
  return {
    asOf: fromDayNumber(asOf),
    window,
    overall,
    previous,
    segments,
    trend,
    consecutiveDeclines: consecutiveDeclines(trend),
    decomposition,
    biggestContributor,
  };
}

/** Labels in natural order, so rep_2 sorts before rep_10. */
export function cmpLabel(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
