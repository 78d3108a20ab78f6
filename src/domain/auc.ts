/**
 * ROC AUC as the Mann–Whitney statistic (ties count one half) and its bootstrap interval.
 * The bootstrap draws counts over a presorted order instead of re-sorting each resample,
 * so 1,000 resamples of n scores cost O(1,000·n), not O(1,000·n log n).
 */

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
 * AUC of one resample: `counts[i]` = how often case i was drawn. Branch-free on purpose:
 * outcomes and tie ends are unpredictable, and a mispredicted branch per case costs more
 * than the arithmetic. `yf`/`lastf` are 0/1 per rank position (case won; last of its ties).
 */
function resampledAuc(
  order: Int32Array,
  yf: Float64Array,
  lastf: Float64Array,
  counts: Uint8Array,
): number | null {
  let negBelow = 0;
  let sum = 0;
  let pos = 0;
  let gp = 0;
  let gn = 0;
  for (let j = 0; j < order.length; j++) {
    const c = counts[order[j]!]!;
    const yc = c * yf[j]!;
    gp += yc;
    gn += c - yc;
    const l = lastf[j]!;
    sum += l * gp * (negBelow + gn / 2);
    negBelow += l * gn;
    pos += l * gp;
    gp -= l * gp;
    gn -= l * gn;
  }
  if (pos === 0 || negBelow === 0) return null;
  return sum / (pos * negBelow);
}

/**
 * Percentile 95% intervals of the AUC of several scores over the same 1,000 multinomial
 * resamples of the validation cases (paired, so the intervals are comparable), from a
 * fixed seed. Draw counts live in a Uint8Array so the random increments stay in cache.
 */
export function bootstrapAucs(
  rankings: RankedScores[],
  y: Uint8Array,
  resamples = BOOTSTRAP_RESAMPLES,
  seed = BOOTSTRAP_SEED,
): Array<[number, number] | null> {
  const n = y.length;
  const counts = new Uint8Array(n);
  const yf = rankings.map((r) => Float64Array.from(r.order, (i) => y[i]!));
  const lastf = rankings.map((r) => {
    const last = new Float64Array(n);
    for (let g = 1; g < r.groupStart.length; g++) last[r.groupStart[g]! - 1] = 1;
    return last;
  });
  const draws = rankings.map(() => [] as number[]);
  // xorshift32, inlined: a closure call per draw would cost more than the draw itself, and
  // 1,000·n draws need the cheapest decent generator (period 2^32 − 1). It must not start
  // at 0; the seed is mixed so nearby seeds give unrelated streams.
  let s = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) | 1;
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    for (let j = 0; j < n; j++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      counts[(((s >>> 0) * n) / 4294967296) | 0]!++;
    }
    for (let r = 0; r < rankings.length; r++) {
      const value = resampledAuc(rankings[r]!.order, yf[r]!, lastf[r]!, counts);
      if (value !== null) draws[r]!.push(value);
    }
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
