/**
 * ROC AUC as the Mann–Whitney statistic (ties count one half) and its bootstrap interval.
 * The bootstrap re-weights a presorted order instead of re-sorting each resample, so
 * 1,000 resamples of n scores cost O(1,000·n), not O(1,000·n log n).
 */
import { seededRandom } from './stats.js';

/** Ascending order of the scores and the start index of each run of equal scores. */
export interface RankedScores {
  order: Int32Array;
  /** groupStart[g]..groupStart[g+1] is the g-th run of ties in `order` */
  groupStart: Int32Array;
}

export function rankScores(scores: Float64Array): RankedScores {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => scores[a]! - scores[b]!,
  );
  const starts: number[] = [];
  for (let j = 0; j < order.length; j++) {
    if (j === 0 || scores[order[j]!]! !== scores[order[j - 1]!]!) starts.push(j);
  }
  starts.push(order.length);
  return { order, groupStart: Int32Array.from(starts) };
}

/**
 * Weighted Mann–Whitney AUC: P(score of a positive > score of a negative) + ½·P(tie).
 * `weights` null means every case counts once. Null when a class is empty.
 */
export function aucRanked(
  ranked: RankedScores,
  y: Uint8Array,
  weights: Float64Array | null = null,
): number | null {
  const { order, groupStart } = ranked;
  let negBelow = 0;
  let sum = 0;
  let pos = 0;
  for (let g = 0; g + 1 < groupStart.length; g++) {
    let gp = 0;
    let gn = 0;
    for (let j = groupStart[g]!; j < groupStart[g + 1]!; j++) {
      const i = order[j]!;
      const w = weights ? weights[i]! : 1;
      if (y[i]) gp += w;
      else gn += w;
    }
    sum += gp * (negBelow + gn / 2);
    negBelow += gn;
    pos += gp;
  }
  if (pos === 0 || negBelow === 0) return null;
  return sum / (pos * negBelow);
}

export function auc(scores: Float64Array, y: Uint8Array): number | null {
  return aucRanked(rankScores(scores), y);
}

export const BOOTSTRAP_RESAMPLES = 1000;
export const BOOTSTRAP_SEED = 20240630;

/**
 * Percentile 95% intervals of the AUC of several scores over the same resamples (paired,
 * so the intervals are comparable), 1,000 resamples from a fixed seed.
 */
export function bootstrapAucs(
  rankings: RankedScores[],
  y: Uint8Array,
  resamples = BOOTSTRAP_RESAMPLES,
  seed = BOOTSTRAP_SEED,
): Array<[number, number] | null> {
  const n = y.length;
  const rand = seededRandom(seed);
  const weights = new Float64Array(n);
  const draws = rankings.map(() => [] as number[]);
  for (let b = 0; b < resamples; b++) {
    weights.fill(0);
    for (let j = 0; j < n; j++) weights[Math.floor(rand() * n)]!++;
    rankings.forEach((ranked, s) => {
      const value = aucRanked(ranked, y, weights);
      if (value !== null) draws[s]!.push(value);
    });
  }
  return draws.map((d) => {
    if (d.length < resamples / 2) return null;
    d.sort((a, b) => a - b);
    const at = (p: number) => {
      const h = (d.length - 1) * p;
      const lo = Math.floor(h);
      return d[lo]! + (h - lo) * (d[Math.min(d.length - 1, lo + 1)]! - d[lo]!);
    };
    return [at(0.025), at(0.975)];
  });
}
