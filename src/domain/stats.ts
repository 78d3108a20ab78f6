/**
 * Small statistics shared by the metric modules. Distribution functions come from
 * @stdlib through the app layer (StatFns) so the domain keeps no package imports.
 */

/** z for a two-sided 95% interval */
export const Z95 = 1.959963984540054;

/** Distribution functions the domain needs, supplied by the app (src/app/stat-fns.ts). */
export interface StatFns {
  /** inverse CDF of Beta(a, b) at p */
  betaQuantile(p: number, a: number, b: number): number;
  /** standard normal CDF */
  normalCdf(x: number): number;
  /** inverse of the standard normal CDF at p */
  normalQuantile(p: number): number;
}

/** 95% Wilson score interval for won of n; null when n = 0. */
export function wilson(won: number, n: number, z = Z95): [number, number] | null {
  if (n <= 0) return null;
  const p = won / n;
  const z2 = z * z;
  const den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface RateFigure {
  won: number;
  n: number;
  rate: number | null;
  ci: [number, number] | null;
}

export function rateFigure(won: number, n: number): RateFigure {
  return { won, n, rate: n > 0 ? won / n : null, ci: wilson(won, n) };
}

/** Quantile of an ascending array by linear interpolation (numpy's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function median(values: number[]): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Benjamini–Hochberg step-up at false discovery rate q: rejected[i] is true when p[i]
 * is at or below the largest p(k) with p(k) ≤ k/m·q. Also returns adjusted p-values.
 */
export function benjaminiHochberg(
  p: number[],
  q: number,
): { rejected: boolean[]; adjusted: number[] } {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]! || a - b);
  let cutoff = -1;
  for (let k = 0; k < m; k++) {
    if (p[order[k]!]! <= ((k + 1) / m) * q) cutoff = k;
  }
  const rejected = new Array<boolean>(m).fill(false);
  for (let k = 0; k <= cutoff; k++) rejected[order[k]!] = true;
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    running = Math.min(running, (p[order[k]!]! * m) / (k + 1));
    adjusted[order[k]!] = Math.min(1, running);
  }
  return { rejected, adjusted };
}

/** z of rate A − rate B under the pooled variance; null when a side is empty, 0 when both are all-won or all-lost. */
function pooledZ(wonA: number, nA: number, wonB: number, nB: number): number | null {
  if (nA === 0 || nB === 0) return null;
  const pooled = (wonA + wonB) / (nA + nB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  return se === 0 ? 0 : (wonA / nA - wonB / nB) / se;
}

/** Two-sided p-value of the pooled two-proportion z-test; null when undefined. */
export function twoProportionP(
  wonA: number,
  nA: number,
  wonB: number,
  nB: number,
  fns: Pick<StatFns, 'normalCdf'>,
): number | null {
  const z = pooledZ(wonA, nA, wonB, nB);
  if (z === null) return null;
  // the lower tail keeps precision for large z, where 1 − cdf(z) would round to 0
  return Math.min(1, 2 * fns.normalCdf(-Math.abs(z)));
}

/**
 * One-sided p-value of the pooled two-proportion z-test of H0 "rate A is not below rate
 * B" against "rate A < rate B" (`direction` 'less'), or the mirror ('greater'); null when
 * undefined, 1 when both sides are all-won or all-lost.
 */
export function oneSidedProportionP(
  wonA: number,
  nA: number,
  wonB: number,
  nB: number,
  direction: 'less' | 'greater',
  fns: Pick<StatFns, 'normalCdf'>,
): number | null {
  const z = pooledZ(wonA, nA, wonB, nB);
  if (z === null) return null;
  const pooled = (wonA + wonB) / (nA + nB);
  if (pooled === 0 || pooled === 1) return 1;
  return fns.normalCdf(direction === 'less' ? z : -z);
}

/** First index in [from, to) with a[index] >= value (a ascending there). */
export function lowerBound(a: Int32Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** mulberry32: a tiny seeded PRNG, so bootstraps give the same interval on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
