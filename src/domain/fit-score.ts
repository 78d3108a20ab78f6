/**
 * RSFS, the rep-segment fit score (metrics.md "RSFS"): the owner's record in the deal's
 * industry over [t − 365 d, t), shrunk towards the owner's all-industry rate, which is
 * shrunk towards the global rate. Two prior strengths, each from a beta-binomial
 * method-of-moments fit over the same window: k over the rep×industry cells, k_rep over
 * the reps' all-industry counts. k_rep has its own, higher ceiling (2000): where reps do
 * not differ beyond chance every rep's rate is pulled to the global one, so the score
 * cannot invent a rep effect (with one k of 200, half a rep's chance deviation survived).
 *
 * Everything is keyed by t, the deal's assignment day, and only outcomes closed before t
 * are ever counted: k and the global rate too, so no later outcome can move a score.
 * Closed deals are kept per group (rep×industry, rep, all) sorted by close day with
 * cumulative won counts; any window count is two binary searches (O(log n)).
 *
 * A deal whose industry is not set (metrics.md "Missing values") counts in its rep's and
 * the global record but in no rep×industry cell: "(not set)" is not an industry, so it
 * neither scores a deal nor moves k, and the RSFS of such a deal is its owner's pooled
 * overall rate (source 'rep', or 'global' with fewer than 5 deals).
 */
import { NOT_SET } from './deal.js';
import { type DealTable, notSetCode, OPEN } from './deal-table.js';
import { lowerBound, type StatFns } from './stats.js';
import { cmpLabel } from './win-rate.js';

export const HISTORY_DAYS = 365;
export const MIN_CELL_N = 5;
export const K_MIN = 5;
export const K_MAX = 200;
export const K_FALLBACK = 20;
/** k_rep's ceiling: reps that do not differ beyond chance are pooled all the way */
export const K_REP_MAX = 2000;
/** rate used for the global prior when nothing closed in the window */
export const NO_HISTORY_RATE = 0.5;

/** Closed deals of each group sorted by close day; cumWon[j] = wins among the first j. */
export interface GroupIndex {
  offsets: Int32Array;
  days: Int32Array;
  cumWon: Int32Array;
}

export function buildGroupIndex(
  table: DealTable,
  groups: number,
  groupOf: (i: number) => number,
): GroupIndex {
  const counts = new Int32Array(groups + 1);
  let closedCount = 0;
  for (let i = 0; i < table.size; i++) {
    if (table.closed[i]! === OPEN) continue;
    counts[groupOf(i) + 1]!++;
    closedCount++;
  }
  const offsets = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) offsets[g + 1] = offsets[g]! + counts[g + 1]!;
  const cursor = offsets.slice(0, groups);
  // day·2 + won sorts by day and carries the outcome in the low bit
  const keys = new Int32Array(closedCount);
  for (let i = 0; i < table.size; i++) {
    const c = table.closed[i]!;
    if (c === OPEN) continue;
    keys[cursor[groupOf(i)]!++] = c * 2 + table.won[i]!;
  }
  for (let g = 0; g < groups; g++) keys.subarray(offsets[g]!, offsets[g + 1]!).sort();
  const days = new Int32Array(closedCount);
  const cumWon = new Int32Array(closedCount + 1);
  for (let j = 0; j < closedCount; j++) {
    const k = keys[j]!;
    days[j] = k >> 1;
    cumWon[j + 1] = cumWon[j]! + (k & 1);
  }
  return { offsets, days, cumWon };
}

/** won and n of group g's deals closed in [lo, hi) */
export function countIn(
  index: GroupIndex,
  g: number,
  lo: number,
  hi: number,
): { won: number; n: number } {
  const from = index.offsets[g]!;
  const to = index.offsets[g + 1]!;
  const a = lowerBound(index.days, from, to, lo);
  const b = lowerBound(index.days, a, to, hi);
  return { won: index.cumWon[b]! - index.cumWon[a]!, n: b - a };
}

/**
 * Beta-binomial method of moments over cells (won_i of n_i). With p̂ the pooled rate and
 * N = Σn, E[Σ(x_i − n_i p̂)²] = p(1−p)·(A + Bρ), A = Σn − Σn²/N, B = Σn(n−1) − Σn²(n−1)/N;
 * solving for ρ gives the intra-cell correlation, and k = α + β = (1 − ρ)/ρ.
 */
export function estimateK(
  cells: Array<{ won: number; n: number }>,
  kMax: number = K_MAX,
): {
  k: number;
  rho: number | null;
} {
  const used = cells.filter((c) => c.n > 0);
  let total = 0;
  let wins = 0;
  for (const c of used) {
    total += c.n;
    wins += c.won;
  }
  if (used.length < 2 || wins === 0 || wins === total) return { k: K_FALLBACK, rho: null };
  const p = wins / total;
  let s = 0;
  let sumN2 = 0;
  let sumNn1 = 0;
  let sumN2n1 = 0;
  for (const c of used) {
    const d = c.won - c.n * p;
    s += d * d;
    sumN2 += c.n * c.n;
    sumNn1 += c.n * (c.n - 1);
    sumN2n1 += c.n * c.n * (c.n - 1);
  }
  const a = total - sumN2 / total;
  const b = sumNn1 - sumN2n1 / total;
  // every cell holds one deal: the spread says nothing about ρ
  if (b <= 0) return { k: K_FALLBACK, rho: null };
  const rho = (s / (p * (1 - p)) - a) / b;
  if (rho <= 0) return { k: kMax, rho };
  return { k: Math.min(kMax, Math.max(K_MIN, (1 - rho) / rho)), rho };
}

export type FitSource = 'rep-industry' | 'rep' | 'global';

export interface FitScore {
  raw: { won: number; n: number; rate: number | null };
  rep: { won: number; n: number };
  global: { won: number; n: number };
  repRate: number;
  rsfs: number;
  k: number;
  /** the pooling strength of the rep's all-industry rate towards the global one */
  kRep: number;
  /** the Beta posterior's parameters (around a fixed prior mean repRate) */
  alpha: number;
  beta: number;
  /**
   * rsfs's variance with the prior mean's own uncertainty included (law of total
   * variance): the Beta posterior's, plus (k/(n+k))² · Var(repRate), where repRate's
   * variance in turn adds (k_rep/(n_rep+k_rep))² · Var(global). The co-lead lift's
   * interval uses it (metrics.md "Co-lead matching" step 4a).
   */
  variance: number;
  source: FitSource;
  /** true when the deal's industry is not set: rsfs is the owner's pooled overall rate */
  industryNotSet: boolean;
}

/** The mark of an RSFS computed without an industry (card, `dealfit rsfs`, JSON). */
export const INDUSTRY_NOT_SET = 'industry not set';

export class FitIndex {
  readonly cells: GroupIndex;
  readonly reps: GroupIndex;
  readonly all: GroupIndex;
  readonly nRep: number;
  readonly nInd: number;
  /** the industry code of NOT_SET, or -1 when every deal has an industry */
  readonly notSetInd: number;
  readonly repCode: Map<string, number>;
  readonly industryCode: Map<string, number>;
  private readonly kCache = new Map<number, number>();
  private readonly kRepCache = new Map<number, number>();

  constructor(readonly table: DealTable) {
    this.nRep = table.labels.rep.length;
    this.nInd = table.labels.industry.length;
    this.notSetInd = notSetCode(table.labels.industry);
    const rep = table.codes.rep;
    const ind = table.codes.industry;
    const nInd = this.nInd;
    this.cells = buildGroupIndex(table, this.nRep * nInd, (i) => rep[i]! * nInd + ind[i]!);
    this.reps = buildGroupIndex(table, this.nRep, (i) => rep[i]!);
    this.all = buildGroupIndex(table, 1, () => 0);
    this.repCode = new Map(table.labels.rep.map((l, c) => [l, c]));
    this.industryCode = new Map(
      table.labels.industry.flatMap(
        (l, c): Array<[string, number]> => (l === NOT_SET ? [] : [[l, c]]),
      ),
    );
  }

  /** k for assignment day t, from the cells of [t − 365, t); cached per day */
  kAt(t: number): number {
    let k = this.kCache.get(t);
    if (k === undefined) {
      const cells: Array<{ won: number; n: number }> = [];
      for (let g = 0; g < this.nRep * this.nInd; g++) {
        if (g % this.nInd === this.notSetInd) continue; // "(not set)" is not an industry
        if (this.cells.offsets[g + 1]! > this.cells.offsets[g]!) {
          cells.push(countIn(this.cells, g, t - HISTORY_DAYS, t));
        }
      }
      k = estimateK(cells).k;
      this.kCache.set(t, k);
    }
    return k;
  }

  /** k_rep for assignment day t, from every rep's all-industry counts of [t − 365, t) */
  kRepAt(t: number): number {
    let k = this.kRepCache.get(t);
    if (k === undefined) {
      const reps: Array<{ won: number; n: number }> = [];
      for (let r = 0; r < this.nRep; r++) reps.push(countIn(this.reps, r, t - HISTORY_DAYS, t));
      k = estimateK(reps, K_REP_MAX).k;
      this.kRepCache.set(t, k);
    }
    return k;
  }

  /**
   * RSFS of rep/industry codes at day t; a code of -1 (unknown) has no history. The
   * NOT_SET industry code (or null) scores the rep's pooled overall rate.
   */
  score(rep: number, ind: number | null, t: number): FitScore {
    const lo = t - HISTORY_DAYS;
    const none = { won: 0, n: 0 };
    const notSet = ind === null || ind === this.notSetInd;
    const cell =
      rep >= 0 && ind !== null && ind >= 0 && !notSet
        ? countIn(this.cells, rep * this.nInd + ind, lo, t)
        : none;
    const repCounts = rep >= 0 ? countIn(this.reps, rep, lo, t) : none;
    const global = countIn(this.all, 0, lo, t);
    return combine(cell, repCounts, global, this.kAt(t), this.kRepAt(t), notSet);
  }

  /**
   * RSFS by labels (for new deals whose rep or industry the table has not seen); a null
   * industry (not set) scores the rep's pooled overall rate.
   */
  scoreLabels(repId: string, industry: string | null, t: number): FitScore {
    const ind = industry === null ? null : (this.industryCode.get(industry) ?? -1);
    return this.score(this.repCode.get(repId) ?? -1, ind, t);
  }
}

export function combine(
  cell: { won: number; n: number },
  rep: { won: number; n: number },
  global: { won: number; n: number },
  k: number,
  kRep: number,
  industryNotSet = false,
): FitScore {
  const globalRate = global.n > 0 ? global.won / global.n : NO_HISTORY_RATE;
  const repRate = (rep.won + kRep * globalRate) / (rep.n + kRep);
  // no industry: no cell (cell.n = 0), so rsfs = the rep's pooled overall rate
  const rsfs = (cell.won + k * repRate) / (cell.n + k);
  const alpha = cell.won + k * repRate;
  const beta = cell.n - cell.won + k * (1 - repRate);
  // the rep's deals include the cell's, so the two are not independent; the sum is the
  // normal approximation metrics.md asks for, not an exact posterior
  const globalVar = (globalRate * (1 - globalRate)) / (global.n + 1);
  const repShrink = kRep / (rep.n + kRep);
  const repRateVar =
    (repRate * (1 - repRate)) / (rep.n + kRep + 1) + repShrink * repShrink * globalVar;
  const cellShrink = k / (cell.n + k);
  const source: FitSource =
    cell.n >= MIN_CELL_N ? 'rep-industry' : rep.n >= MIN_CELL_N ? 'rep' : 'global';
  return {
    raw: { won: cell.won, n: cell.n, rate: cell.n > 0 ? cell.won / cell.n : null },
    rep: { won: rep.won, n: rep.n },
    global: { won: global.won, n: global.n },
    repRate,
    rsfs,
    k,
    kRep,
    alpha,
    beta,
    variance: betaVariance(alpha, beta) + cellShrink * cellShrink * repRateVar,
    source,
    industryNotSet,
  };
}

/** Variance of Beta(alpha, beta). */
export function betaVariance(alpha: number, beta: number): number {
  const total = alpha + beta;
  return (alpha * beta) / (total * total * (total + 1));
}

/** 90% interval of the Beta posterior */
export function fitInterval(score: FitScore, fns: Pick<StatFns, 'betaQuantile'>): [number, number] {
  // every closed deal in the window won (or lost): the prior sits at 1 (or 0) and the
  // posterior is a point there, which the quantile function cannot take
  if (score.beta <= 0) return [1, 1];
  if (score.alpha <= 0) return [0, 0];
  return [
    fns.betaQuantile(0.05, score.alpha, score.beta),
    fns.betaQuantile(0.95, score.alpha, score.beta),
  ];
}

/** Stable counting sort of `items` by key(item) in [0, keys): O(n), no comparisons. */
function countingSort(items: Int32Array, keys: number, keyOf: (i: number) => number): Int32Array {
  const start = new Int32Array(keys + 1);
  for (let j = 0; j < items.length; j++) start[keyOf(items[j]!) + 1]!++;
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const out = new Int32Array(items.length);
  for (let j = 0; j < items.length; j++) {
    const i = items[j]!;
    out[start[keyOf(i)]!++] = i;
  }
  return out;
}

/**
 * Window counts [t − 365, t) of every deal's group: deals ordered by (group, t) and swept
 * with two pointers over the group's sorted close days, so the whole table costs O(n)
 * sequential work instead of n cache-missing binary searches.
 */
function sweepCounts(
  index: GroupIndex,
  byGroupThenT: Int32Array,
  groupOf: (i: number) => number,
  t: Int32Array,
  won: Int32Array,
  n: Int32Array,
): void {
  const { offsets, days, cumWon } = index;
  let current = -1;
  let lo = 0;
  let hi = 0;
  let end = 0;
  for (let j = 0; j < byGroupThenT.length; j++) {
    const i = byGroupThenT[j]!;
    const g = groupOf(i);
    if (g !== current) {
      current = g;
      lo = offsets[g]!;
      hi = lo;
      end = offsets[g + 1]!;
    }
    const ti = t[i]!;
    while (lo < end && days[lo]! < ti - HISTORY_DAYS) lo++;
    if (hi < lo) hi = lo;
    while (hi < end && days[hi]! < ti) hi++;
    won[i] = cumWon[hi]! - cumWon[lo]!;
    n[i] = hi - lo;
  }
}

/**
 * Point RSFS and raw n of every deal in the table, each at its own assignment day. Gives
 * exactly FitIndex.score() per deal (a test holds them equal), without its allocations.
 */
export function scoreAllDeals(index: FitIndex): { rsfs: Float64Array; rawN: Int32Array } {
  const table = index.table;
  const size = table.size;
  const t = table.assigned;
  const rsfs = new Float64Array(size);
  const rawN = new Int32Array(size);
  if (size === 0) return { rsfs, rawN };
  let minT = t[0]!;
  let maxT = t[0]!;
  for (let i = 1; i < size; i++) {
    if (t[i]! < minT) minT = t[i]!;
    if (t[i]! > maxT) maxT = t[i]!;
  }
  const all = Int32Array.from({ length: size }, (_, i) => i);
  const byT = countingSort(all, maxT - minT + 1, (i) => t[i]! - minT);
  const rep = table.codes.rep;
  const ind = table.codes.industry;
  const nInd = index.nInd;
  const cellOf = (i: number) => rep[i]! * nInd + ind[i]!;
  const cellWon = new Int32Array(size);
  const repWon = new Int32Array(size);
  const repN = new Int32Array(size);
  sweepCounts(index.cells, countingSort(byT, index.nRep * nInd, cellOf), cellOf, t, cellWon, rawN);
  if (index.notSetInd >= 0) {
    // industry not set: no cell, the rep's pooled overall rate (as FitIndex.score)
    for (let i = 0; i < size; i++) {
      if (ind[i] === index.notSetInd) {
        cellWon[i] = 0;
        rawN[i] = 0;
      }
    }
  }
  sweepCounts(
    index.reps,
    countingSort(byT, index.nRep, (i) => rep[i]!),
    (i) => rep[i]!,
    t,
    repWon,
    repN,
  );
  // k, k_rep and the global rate depend on t only: once per distinct day
  const kOfDay = new Float64Array(maxT - minT + 1);
  const kRepOfDay = new Float64Array(maxT - minT + 1);
  const globalOfDay = new Float64Array(maxT - minT + 1);
  for (let j = 0; j < size; j++) {
    const d = t[byT[j]!]!;
    if (j > 0 && d === t[byT[j - 1]!]!) continue;
    const g = countIn(index.all, 0, d - HISTORY_DAYS, d);
    kOfDay[d - minT] = index.kAt(d);
    kRepOfDay[d - minT] = index.kRepAt(d);
    globalOfDay[d - minT] = g.n > 0 ? g.won / g.n : NO_HISTORY_RATE;
  }
  for (let i = 0; i < size; i++) {
    const d = t[i]! - minT;
    const k = kOfDay[d]!;
    const kRep = kRepOfDay[d]!;
    const repRate = (repWon[i]! + kRep * globalOfDay[d]!) / (repN[i]! + kRep);
    rsfs[i] = (cellWon[i]! + k * repRate) / (rawN[i]! + k);
  }
  return { rsfs, rawN };
}

export const REFERENCE_DAYS = 90;
export const REFERENCE_MIN = 200;

export interface ReferenceSet {
  /** ascending rsfs of the reference deals */
  sorted: Float64Array;
  from: number;
  to: number;
}

/**
 * Every deal assigned in (asOf − 90, asOf], extended back a whole day at a time (most
 * recent first) until it holds at least 200 deals or the data runs out.
 */
export function referenceSet(table: DealTable, rsfs: Float64Array): ReferenceSet {
  // deals per assignment day, newest first, until the 90 days are covered and 200 are held
  let minT = table.asOf;
  for (let i = 0; i < table.size; i++) if (table.assigned[i]! < minT) minT = table.assigned[i]!;
  const perDay = new Int32Array(table.asOf - minT + 1);
  for (let i = 0; i < table.size; i++) perDay[table.assigned[i]! - minT]!++;
  let from = table.asOf - REFERENCE_DAYS + 1;
  let held = 0;
  for (let d = table.asOf; d >= minT; d--) {
    if (d < from && held >= REFERENCE_MIN) break;
    held += perDay[d - minT]!;
    if (d < from && perDay[d - minT]! > 0) from = d;
  }
  const sorted = new Float64Array(held);
  let j = 0;
  for (let i = 0; i < table.size; i++) if (table.assigned[i]! >= from) sorted[j++] = rsfs[i]!;
  sorted.sort();
  return { sorted, from: Math.min(from, table.asOf), to: table.asOf };
}

export type Flag = 'RED' | 'YELLOW' | 'GREEN';

/**
 * RED below the reference set's 25th percentile, YELLOW below its median, GREEN otherwise
 * (percentiles by linear interpolation). `percentile` is the mid-rank: the share of the
 * reference strictly below, plus half the share equal, times 100.
 */
export function flagOf(x: number, ref: ReferenceSet): { flag: Flag; percentile: number } {
  const s = ref.sorted;
  if (s.length === 0) return { flag: 'GREEN', percentile: 50 };
  const q = (p: number) => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(s.length - 1, lo + 1);
    return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
  };
  const below = lowerBoundF(s, x);
  let upto = below;
  while (upto < s.length && s[upto]! === x) upto++;
  const percentile = (100 * (below + (upto - below) / 2)) / s.length;
  const flag: Flag = x < q(0.25) ? 'RED' : x < q(0.5) ? 'YELLOW' : 'GREEN';
  return { flag, percentile };
}

function lowerBoundF(a: Float64Array, value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ColeadCandidate {
  repId: string;
  rsfs: number;
  n: number;
}

/**
 * metrics.md "Co-lead matching" step 1: reps other than the owner with ≥ 5 closed deals in
 * the industry in [t − 365, t), by their rsfs there at t (ties: more deals, then rep id).
 */
export function rankColeadCandidates(
  index: FitIndex,
  ownerRepId: string,
  industry: string | null,
  t: number,
): ColeadCandidate[] {
  // no industry: nothing to match a co-lead on (metrics.md "Missing values")
  if (industry === null) return [];
  const ind = index.industryCode.get(industry);
  if (ind === undefined) return [];
  const out: ColeadCandidate[] = [];
  for (let r = 0; r < index.nRep; r++) {
    const repId = index.table.labels.rep[r]!;
    if (repId === ownerRepId) continue;
    const s = index.score(r, ind, t);
    if (s.raw.n >= MIN_CELL_N) out.push({ repId, rsfs: s.rsfs, n: s.raw.n });
  }
  return out.sort((a, b) => b.rsfs - a.rsfs || b.n - a.n || cmpLabel(a.repId, b.repId));
}
