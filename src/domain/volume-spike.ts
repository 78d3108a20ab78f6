/**
 * The volume-spike safeguard (metrics.md "Alerts", volume spike): a week with far more new
 * deals than the 12 before it, which is how a duplicated import or a sync loop shows. Robust
 * to one busy week in the baseline: the test is on the quartiles, not the mean.
 */
import { fromDayNumber } from './dates.js';
import type { DealTable } from './deal-table.js';
import { median, quantileSorted } from './stats.js';
import { lastSundayOnOrBefore } from './win-rate.js';

export const SPIKE_BASELINE_WEEKS = 12;
/** c > Q3 + 3·IQR, c ≥ 1.5·median and c − median ≥ 20 */
export const SPIKE_IQR_FACTOR = 3;
export const SPIKE_MEDIAN_RATIO = 1.5;
export const SPIKE_MIN_EXCESS = 20;
export const SPIKE_IDS_SHOWN = 5;

export interface VolumeSpike {
  /** the week tested, Monday to Sunday */
  week: { from: string; to: string };
  /** deals created in it */
  count: number;
  /** weekly counts of the 12 weeks before, oldest first */
  baseline: number[];
  median: number;
  q1: number;
  q3: number;
  /** the bar the count must pass: Q3 + 3·(Q3 − Q1) */
  threshold: number;
  spike: boolean;
  /**
   * deals of the week that share rep, industry, region, product, amount and created date
   * with another deal of the week (all of a group counted), and up to 5 of their ids
   */
  possibleDuplicates: { count: number; ids: string[] };
}

export function detectVolumeSpike(table: DealTable): VolumeSpike {
  const end = lastSundayOnOrBefore(table.asOf);
  const start = end - 6;
  const counts = new Array<number>(SPIKE_BASELINE_WEEKS + 1).fill(0);
  const first = start - 7 * SPIKE_BASELINE_WEEKS;
  const groups = new Map<string, number[]>();
  for (let i = 0; i < table.size; i++) {
    const c = table.created[i]!;
    if (c < first || c > end) continue;
    counts[Math.floor((c - first) / 7)]!++;
    if (c >= start) {
      const key = [
        table.codes.rep[i],
        table.codes.industry[i],
        table.codes.region[i],
        table.codes.product[i],
        table.amount[i],
        c,
      ].join('|');
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    }
  }
  const count = counts[SPIKE_BASELINE_WEEKS]!;
  const baseline = counts.slice(0, SPIKE_BASELINE_WEEKS);
  const sorted = Float64Array.from(baseline).sort();
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const m = median(baseline);
  const threshold = q3 + SPIKE_IQR_FACTOR * (q3 - q1);
  const duplicates = [...groups.values()].filter((g) => g.length > 1).flat();
  const ids = duplicates.map((i) => table.ids[i]!).sort();
  return {
    week: { from: fromDayNumber(start), to: fromDayNumber(end) },
    count,
    baseline,
    median: m,
    q1,
    q3,
    threshold,
    spike: count > threshold && count >= SPIKE_MEDIAN_RATIO * m && count - m >= SPIKE_MIN_EXCESS,
    possibleDuplicates: { count: ids.length, ids: ids.slice(0, SPIKE_IDS_SHOWN) },
  };
}
