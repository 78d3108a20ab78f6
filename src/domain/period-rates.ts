/**
 * Win rates over a calendar period (inclusive dates as day numbers), for questions asked in
 * plain words: the overall rate, one rate per segment, the points of a trend, and what a
 * change between two periods is associated with (the decomposition of metrics.md "Why it
 * moved", over all dimensions). A rate over a period uses the deals closed in it.
 */
import { fromDayNumber } from './dates.js';
import { DIMENSIONS, type Dimension, isNotSet } from './deal.js';
import { type DealTable, OPEN } from './deal-table.js';
import { type RateFigure, rateFigure } from './stats.js';
import {
  cmpLabel,
  type DecompositionRow,
  decompositionRows,
  LOW_SAMPLE_N,
  type SegmentRate,
  segmentCounts,
} from './win-rate.js';

/** Inclusive on both ends, as day numbers. */
export interface DayPeriod {
  from: number;
  to: number;
}

/** won/n of the deals closed in the period */
export function rateOver(table: DealTable, p: DayPeriod): RateFigure {
  let won = 0;
  let n = 0;
  for (let i = 0; i < table.size; i++) {
    const c = table.closed[i]!;
    if (c === OPEN || c < p.from || c > p.to) continue;
    n++;
    won += table.won[i]!;
  }
  return rateFigure(won, n);
}

/** One rate per segment of `dimension` with closed deals in the period, most deals first. */
export function segmentRatesOver(
  table: DealTable,
  dimension: Dimension,
  p: DayPeriod,
): SegmentRate[] {
  const c = segmentCounts(table, dimension, p.from - 1, p.to);
  const rows: SegmentRate[] = [];
  table.labels[dimension].forEach((value, code) => {
    const n = c.n[code]!;
    if (n === 0) return;
    rows.push({ dimension, value, lowSample: n < LOW_SAMPLE_N, ...rateFigure(c.won[code]!, n) });
  });
  // "(not set)" last, as in every segmented table (metrics.md "Missing values")
  return rows.sort(
    (a, b) =>
      Number(isNotSet(a.value)) - Number(isNotSet(b.value)) ||
      b.n - a.n ||
      cmpLabel(a.value, b.value),
  );
}

export interface PeriodPoint extends RateFigure {
  /** first and last day the point covers */
  from: string;
  to: string;
}

/**
 * The period cut into weeks (Monday to Sunday) when it is up to 16 weeks long, else into
 * calendar months: each point is the rate of the deals closed in it, with its own n, so a
 * thin week shows as a wide interval rather than as a swing.
 */
export function trendOver(table: DealTable, p: DayPeriod): PeriodPoint[] {
  const cuts: DayPeriod[] = [];
  if (p.to - p.from + 1 <= 16 * 7) {
    // day 0 (1970-01-01) was a Thursday: (day + 3) mod 7 = 0 on Mondays
    let start = p.from - ((((p.from + 3) % 7) + 7) % 7);
    for (; start <= p.to; start += 7) {
      cuts.push({ from: Math.max(start, p.from), to: Math.min(start + 6, p.to) });
    }
  } else {
    let start = p.from;
    while (start <= p.to) {
      const d = new Date(start * 86_400_000);
      const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86_400_000;
      cuts.push({ from: start, to: Math.min(next - 1, p.to) });
      start = next;
    }
  }
  return cuts.map((cut) => ({
    from: fromDayNumber(cut.from),
    to: fromDayNumber(cut.to),
    ...rateOver(table, cut),
  }));
}

export interface ChangeDecomposition {
  before: RateFigure;
  current: RateFigure;
  /** current − before, null when either has no closed deals */
  change: number | null;
  /** every dimension's rows; per dimension they sum to `change` */
  rows: DecompositionRow[];
  /** up to 3 segments with the largest effect in the direction of the change */
  contributors: DecompositionRow[];
}

/** What the change from `before` to `current` is associated with, segment by segment. */
export function decomposeChange(
  table: DealTable,
  before: DayPeriod,
  current: DayPeriod,
  /** the dimensions to decompose (one filtered to a single value has nothing to say) */
  dimensions: readonly Dimension[] = DIMENSIONS,
): ChangeDecomposition {
  const a = rateOver(table, before);
  const b = rateOver(table, current);
  const change = a.rate !== null && b.rate !== null ? b.rate - a.rate : null;
  const rows: DecompositionRow[] = [];
  for (const dimension of dimensions) {
    rows.push(
      ...decompositionRows(
        table,
        dimension,
        [before.from - 1, before.to],
        [current.from - 1, current.to],
      ),
    );
  }
  const sign = change !== null && change > 0 ? 1 : -1;
  const contributors = rows
    .filter((r) => r.total * sign > 0)
    .sort((x, y) => y.total * sign - x.total * sign)
    .slice(0, 3);
  return { before: a, current: b, change, rows, contributors };
}
