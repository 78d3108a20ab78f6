/** The distribution functions the pure domain asks for, from @stdlib (tested, exact). */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { StatFns } from '../domain/stats.js';

export const statFns: StatFns = {
  betaQuantile: (p, a, b) => betaQuantile(p, a, b),
  normalCdf: (x) => normalCdf(x, 0, 1),
  normalQuantile: (p) => normalQuantile(p, 0, 1),
};
