import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import type { Deal } from '../../src/domain/deal.js';
import { dealTableFrom } from '../../src/domain/deal-table.js';
import { detectVolumeSpike } from '../../src/domain/volume-spike.js';
import { deal } from '../helpers/deal-fixtures.js';

// 2024-06-30 is a Sunday: the tested week is Monday 2024-06-24 to Sunday 2024-06-30
const AS_OF = '2024-06-30';
const WEEK_START = '2024-06-24';

let seq = 0;
/** `n` open deals created on `day`, each with its own amount (no duplicates) */
function created(day: string, n: number, over: Partial<Deal> = {}): Deal[] {
  return Array.from({ length: n }, () =>
    deal({ id: `D${++seq}`, outcome: null, createdDate: day, amount: 1000 + seq, ...over }),
  );
}

/** 12 baseline weeks with the given counts (oldest first), on each week's Wednesday */
function baseline(counts: number[]): Deal[] {
  return counts.flatMap((n, k) => created(addDays(WEEK_START, -7 * (12 - k) + 2), n));
}

describe('detectVolumeSpike (metrics.md volume spike)', () => {
  it('fires when the week passes Q3 + 3·IQR, 1.5× the median and the median + 20', () => {
    const base = [40, 42, 38, 41, 39, 40, 43, 37, 40, 41, 39, 40];
    const spike = detectVolumeSpike(
      dealTableFrom([...baseline(base), ...created('2024-06-26', 90)], AS_OF),
    );
    expect(spike).toMatchObject({
      week: { from: WEEK_START, to: AS_OF },
      count: 90,
      baseline: base,
      median: 40,
      q1: 39,
      q3: 41,
      threshold: 47,
      spike: true,
    });
  });

  it('does not fire on a busy week that stays within 20 of the median', () => {
    const base = [10, 11, 9, 10, 10, 12, 8, 10, 11, 9, 10, 10];
    const s = detectVolumeSpike(
      dealTableFrom([...baseline(base), ...created('2024-06-26', 29)], AS_OF),
    );
    // far above Q3 + 3·IQR and above 1.5× the median, but only 19 more than the median
    expect(s.count).toBe(29);
    expect(s.count).toBeGreaterThan(s.threshold);
    expect(s.spike).toBe(false);
  });

  it('does not fire when the baseline itself swings that much', () => {
    const base = [10, 60, 12, 70, 9, 65, 11, 72, 10, 68, 12, 66];
    const s = detectVolumeSpike(
      dealTableFrom([...baseline(base), ...created('2024-06-26', 80)], AS_OF),
    );
    expect(s.spike).toBe(false);
  });

  it('lists deals of the week that repeat another one field for field as possible duplicates', () => {
    const copy = {
      repId: 'rep_7',
      industry: 'SaaS',
      region: 'EMEA',
      product: 'Core',
      amount: 5000,
    };
    const deals = [
      ...baseline(new Array(12).fill(5)),
      ...created('2024-06-25', 3, copy),
      // same fields, other day: not a duplicate of those
      ...created('2024-06-27', 1, copy),
      ...created('2024-06-25', 4),
    ];
    const s = detectVolumeSpike(dealTableFrom(deals, AS_OF));
    expect(s.possibleDuplicates.count).toBe(3);
    expect(s.possibleDuplicates.ids).toHaveLength(3);
  });

  it('counts a deal created before the week in the baseline, and one after asOf nowhere', () => {
    const s = detectVolumeSpike(
      dealTableFrom([...created('2024-06-23', 2), ...created('2024-07-01', 5)], AS_OF),
    );
    expect(s.count).toBe(0);
    expect(s.baseline.at(-1)).toBe(2);
  });
});
