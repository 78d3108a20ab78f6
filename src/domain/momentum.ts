/**
 * SMI, the segment momentum index (metrics.md "SMI"): per segment, the change of its win
 * rate from the previous calendar quarter to the current one, weighted by its share of the
 * current quarter's closed deals, with a two-proportion z-test and Benjamini–Hochberg
 * significance at FDR 0.10 across every segment of every dimension tested.
 *
 * The momentum test (metrics.md "Momentum test") decides which declines are real: the
 * quarter against the four quarters before it pooled, one-sided, BH at FDR 0.10 over every
 * segment closed in both; rises ("bright spots") are the mirrored test, a family of their own.
 * Quarter against quarter compares two small samples and misses half of a real 10pp drop.
 *
 * A "(not set)" segment (deals with the field blank, metrics.md "Missing values") is shown
 * with its rates and p-values but is in no test family and never the most negative: it is
 * never a segment that raises an alert.
 */

import { fromDayNumber } from './dates.js';
import { type Dimension, isNotSet } from './deal.js';
import type { DealTable } from './deal-table.js';
import {
  benjaminiHochberg,
  oneSidedProportionP,
  type RateFigure,
  rateFigure,
  type StatFns,
  twoProportionP,
} from './stats.js';
import { segmentCounts } from './win-rate.js';

export const MOMENTUM_FDR = 0.1;
/** The deal dimensions tested for momentum (a rep is not a market segment). */
export const MOMENTUM_DIMENSIONS: Dimension[] = ['industry', 'region', 'product', 'leadSource'];

export interface Quarter {
  year: number;
  /** 1..4 */
  q: number;
}

export function quarterLabel(q: Quarter): string {
  return `${q.year}Q${q.q}`;
}

export function parseQuarter(text: string): Quarter | null {
  const m = /^(\d{4})-?Q([1-4])$/i.exec(text.trim());
  return m ? { year: Number(m[1]), q: Number(m[2]) } : null;
}

export function previousQuarter(q: Quarter): Quarter {
  return q.q === 1 ? { year: q.year - 1, q: 4 } : { year: q.year, q: q.q - 1 };
}

/** [first day, last day] of a quarter as day numbers */
export function quarterBounds(q: Quarter): [number, number] {
  const start = Date.UTC(q.year, (q.q - 1) * 3, 1) / 86_400_000;
  const next = Date.UTC(q.year, q.q * 3, 1) / 86_400_000;
  return [start, next - 1];
}

export function quarterOf(day: number): Quarter {
  const [y, m] = fromDayNumber(day).split('-').map(Number) as [number, number];
  return { year: y, q: Math.floor((m - 1) / 3) + 1 };
}

/** The last complete quarter ≤ asOf, or the running one when partial. */
export function defaultQuarter(asOf: number, partial: boolean): Quarter {
  const q = quarterOf(asOf);
  if (partial || quarterBounds(q)[1] <= asOf) return q;
  return previousQuarter(q);
}

export interface MomentumSegment {
  dimension: Dimension;
  value: string;
  smi: number;
  current: RateFigure;
  previous: RateFigure;
  share: number;
  p: number | null;
  significant: boolean;
  /** the four quarters before, pooled: the momentum test's baseline (null: none closed) */
  baseline: RateFigure | null;
  /** one-sided p of "lower than the baseline"; significant after BH over all segments */
  declineP: number | null;
  declineSignificant: boolean;
  /** one-sided p of "higher than the baseline" (bright spots, their own BH family) */
  riseP: number | null;
  riseSignificant: boolean;
}

export interface MomentumResult {
  asOf: string;
  quarter: string;
  previousQuarter: string;
  partial: boolean;
  fdr: number;
  segments: MomentumSegment[];
  mostNegative: MomentumSegment | null;
  /** the momentum test's baseline: the four quarters before `quarter`, first and last */
  baselineQuarters: { from: string; to: string };
  /** segments with smi < 0 whose decline vs the baseline is significant, most negative first */
  significantDeclines: MomentumSegment[];
}

/**
 * Segments closed in both quarters are tested (a rate change needs two rates). The current
 * quarter is cut at asOf, which only matters for a running (partial) quarter.
 */
export function computeMomentum(
  table: DealTable,
  quarter: Quarter,
  partial: boolean,
  fns: Pick<StatFns, 'normalCdf'>,
): MomentumResult {
  const prevQ = previousQuarter(quarter);
  const [qs, qe] = quarterBounds(quarter);
  const [ps, pe] = quarterBounds(prevQ);
  let firstBaseline = prevQ;
  for (let k = 1; k < 4; k++) firstBaseline = previousQuarter(firstBaseline);
  const bs = quarterBounds(firstBaseline)[0];
  const segments: MomentumSegment[] = [];
  for (const dim of MOMENTUM_DIMENSIONS) {
    const cur = segmentCounts(table, dim, qs - 1, Math.min(qe, table.asOf));
    const prev = segmentCounts(table, dim, ps - 1, Math.min(pe, table.asOf));
    const base = segmentCounts(table, dim, bs - 1, Math.min(pe, table.asOf));
    let total = 0;
    for (const n of cur.n) total += n;
    table.labels[dim].forEach((value, code) => {
      const nq = cur.n[code]!;
      const np = prev.n[code]!;
      if (nq === 0 || np === 0) return;
      const wq = cur.won[code]!;
      const wp = prev.won[code]!;
      const nb = base.n[code]!;
      const wb = base.won[code]!;
      const share = nq / total;
      segments.push({
        dimension: dim,
        value,
        smi: (wq / nq - wp / np) * share,
        current: rateFigure(wq, nq),
        previous: rateFigure(wp, np),
        share,
        p: twoProportionP(wq, nq, wp, np, fns),
        significant: false,
        baseline: nb > 0 ? rateFigure(wb, nb) : null,
        declineP: oneSidedProportionP(wq, nq, wb, nb, 'less', fns),
        declineSignificant: false,
        riseP: oneSidedProportionP(wq, nq, wb, nb, 'greater', fns),
        riseSignificant: false,
      });
    });
  }
  const tested = segments.filter((s) => s.p !== null && !isNotSet(s.value));
  const { rejected } = benjaminiHochberg(
    tested.map((s) => s.p!),
    MOMENTUM_FDR,
  );
  tested.forEach((s, i) => {
    s.significant = rejected[i]!;
  });
  const tests = segments.filter((s) => s.declineP !== null && !isNotSet(s.value));
  const declines = benjaminiHochberg(
    tests.map((s) => s.declineP!),
    MOMENTUM_FDR,
  ).rejected;
  const rises = benjaminiHochberg(
    tests.map((s) => s.riseP!),
    MOMENTUM_FDR,
  ).rejected;
  tests.forEach((s, i) => {
    s.declineSignificant = declines[i]!;
    s.riseSignificant = rises[i]!;
  });
  let mostNegative: MomentumSegment | null = null;
  for (const s of segments) {
    if (isNotSet(s.value)) continue;
    if (s.smi < 0 && (mostNegative === null || s.smi < mostNegative.smi)) mostNegative = s;
  }
  return {
    asOf: fromDayNumber(table.asOf),
    quarter: quarterLabel(quarter),
    previousQuarter: quarterLabel(prevQ),
    partial,
    fdr: MOMENTUM_FDR,
    segments,
    mostNegative,
    baselineQuarters: { from: quarterLabel(firstBaseline), to: quarterLabel(prevQ) },
    significantDeclines: segments
      .filter((s) => s.smi < 0 && s.declineSignificant)
      .sort((a, b) => a.smi - b.smi),
  };
}
