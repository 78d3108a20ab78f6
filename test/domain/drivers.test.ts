import { describe, expect, it } from 'vitest';
import { auc, bootstrapAucs, rankScores } from '../../src/domain/auc.js';
import { addDays } from '../../src/domain/dates.js';
import { dealTableFrom } from '../../src/domain/deal-table.js';
import { computeDrivers, significantShifts, timeSplit } from '../../src/domain/drivers.js';
import { FitIndex, scoreAllDeals } from '../../src/domain/fit-score.js';
import { fitLogistic, packRows } from '../../src/domain/logistic.js';
import { seededRandom } from '../../src/domain/stats.js';
import { deal } from '../helpers/deal-fixtures.js';

describe('auc', () => {
  it('counts ties as one half (Mann–Whitney)', () => {
    expect(auc(Float64Array.from([0.1, 0.4, 0.4, 0.8]), Uint8Array.from([0, 1, 0, 1]))).toBe(0.875);
    expect(auc(Float64Array.from([1, 1, 1]), Uint8Array.from([0, 1, 0]))).toBe(0.5);
    expect(auc(Float64Array.from([1, 2]), Uint8Array.from([1, 1]))).toBeNull();
  });
  it('gives the same bootstrap interval for the same seed, around the estimate', () => {
    const rand = seededRandom(7);
    const y = Uint8Array.from({ length: 400 }, () => (rand() < 0.5 ? 1 : 0));
    const s = Float64Array.from(y, (v) => v + rand() * 2);
    const ranked = rankScores(s);
    const a = bootstrapAucs([ranked], y, 200, 1)[0]!;
    const b = bootstrapAucs([ranked], y, 200, 1)[0]!;
    expect(a).toEqual(b);
    const value = auc(s, y)!;
    expect(a[0]).toBeLessThan(value);
    expect(a[1]).toBeGreaterThan(value);
  });
});

describe('fitLogistic', () => {
  it('recovers the log odds of a single binary feature', () => {
    // x=0: 20 won of 80 (odds 1/3); x=1: 60 won of 80 (odds 3): log OR = ln 9
    const rows = [
      ...Array.from({ length: 80 }, (_, i) => [0, i < 20 ? 1 : 0]),
      ...Array.from({ length: 80 }, (_, i) => [1, i < 60 ? 1 : 0]),
    ] as Array<[number, number]>;
    const data = packRows(
      rows.length,
      2,
      2,
      (r, c, v, at) => {
        c[at] = 0;
        v[at] = 1;
        c[at + 1] = 1;
        v[at + 1] = rows[r]![0];
        return 2;
      },
      (r) => rows[r]![1],
    );
    const fit = fitLogistic(data, 0);
    expect(fit.converged).toBe(true);
    expect(fit.beta[0]).toBeCloseTo(Math.log(1 / 3), 8);
    expect(fit.beta[1]).toBeCloseTo(Math.log(9), 8);
    // Wald variance of a log odds ratio: 1/20 + 1/60 + 1/60 + 1/20
    expect(fit.covariance[1]![1]).toBeCloseTo(1 / 20 + 1 / 60 + 1 / 60 + 1 / 20, 8);
  });
});

describe('computeDrivers', () => {
  const rand = seededRandom(3);
  const all = Array.from({ length: 1500 }, (_, i) => {
    const created = addDays('2023-01-01', Math.floor(i / 3));
    return deal({
      industry: ['A', 'B', 'C'][i % 3]!,
      repId: `rep_${i % 7}`,
      createdDate: created,
      closedDate: addDays(created, 5 + Math.floor(rand() * 80)),
      amount: 1000 + Math.floor(rand() * 50_000),
      outcome: rand() < 0.45 ? 'won' : 'lost',
    });
  });
  const table = dealTableFrom(all, '2024-06-30');
  it('trains only on deals closed before the earliest validation assignment', () => {
    const { cut, train, valid } = timeSplit(table);
    let closedCount = 0;
    for (let i = 0; i < table.size; i++) if (table.won[i]! || table.closed[i]! < 2e9) closedCount++;
    expect(valid.length).toBeGreaterThanOrEqual(Math.ceil(0.2 * closedCount));
    expect(valid.length).toBeLessThan(0.25 * closedCount);
    for (const i of train) expect(table.closed[i]!).toBeLessThan(cut);
    for (const i of valid) expect(table.assigned[i]!).toBeGreaterThanOrEqual(cut);
  });
  it('never reads the cycle, the close date or the stage as a feature', () => {
    const index = new FitIndex(table);
    const { rsfs } = scoreAllDeals(index);
    const base = computeDrivers(table, rsfs);
    // Shuffle stage and cycle length (close date) within each subset; features must not move.
    const t2 = dealTableFrom(
      all.map((d, i) => ({ ...d, stage: i % 2 ? 'Demo' : 'Qualified', cycleDays: 999 })),
      '2024-06-30',
    );
    const again = computeDrivers(t2, rsfs);
    expect(again.oddsRatios).toEqual(base.oddsRatios);
    expect(base.oddsRatios.map((o) => o.feature).join(' ')).not.toMatch(/stage|cycle|closed/i);
    expect(base.auc.deal.value).not.toBeNull();
    expect(base.auc.deal.ci![0]).toBeLessThan(0.5 + 0.1);
  });
  it('says the AUC is undefined with fewer than 100 validation deals', () => {
    const small = dealTableFrom(all.slice(0, 200), '2024-06-30');
    const r = computeDrivers(small, scoreAllDeals(new FitIndex(small)).rsfs);
    expect(r.auc.rsfs.value).toBeNull();
    expect(r.auc.rsfs.undefinedReason).toMatch(/validation deals/);
  });
});

describe('significantShifts', () => {
  const or = (feature: string, lo: number, hi: number) => ({
    feature,
    oddsRatio: (lo + hi) / 2,
    ci: [lo, hi] as [number, number],
  });

  it('names the odds ratios whose 95% intervals this week and last week do not overlap', () => {
    const lastWeek = [or('a', 1.1, 1.5), or('b', 0.8, 1.2), or('c', 0.5, 0.9), or('gone', 1, 2)];
    const thisWeek = [or('a', 0.6, 1.0), or('b', 1.1, 1.4), or('c', 0.9, 1.3), or('new', 3, 4)];
    expect(significantShifts(lastWeek, thisWeek)).toEqual([
      { feature: 'a', before: lastWeek[0], after: thisWeek[0] }, // wholly below
    ]);
    // b overlaps (1.1–1.2), c touches at 0.9; features in one model only are not compared
    expect(significantShifts(thisWeek, lastWeek).map((s) => s.feature)).toEqual(['a']);
  });
});
