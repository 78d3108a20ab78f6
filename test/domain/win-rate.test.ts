import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../src/domain/dates.js';
import { dealTableFrom } from '../../src/domain/deal-table.js';
import {
  computeWinRates,
  consecutiveDeclines,
  decompose,
  lastSundayOnOrBefore,
} from '../../src/domain/win-rate.js';
import { deal, deals } from '../helpers/deal-fixtures.js';

describe('decompose', () => {
  // A: X 5/10, Y 2/10 (R_A = .35); B: X 3/5, Y 3/15 (R_B = .30)
  const rows = decompose('industry', [
    { segment: 'X', wonA: 5, nA: 10, wonB: 3, nB: 5 },
    { segment: 'Y', wonA: 2, nA: 10, wonB: 3, nB: 15 },
  ]);
  it('pins rate and mix effects by hand', () => {
    const [x, y] = rows;
    expect(x!.rateEffect).toBeCloseTo(0.1 * 0.375, 12);
    expect(x!.mixEffect).toBeCloseTo(-0.25 * (0.55 - 0.325), 12);
    expect(y!.rateEffect).toBeCloseTo(0, 12);
    expect(y!.mixEffect).toBeCloseTo(0.25 * (0.2 - 0.325), 12);
  });
  it('sums exactly to the change of the overall rate', () => {
    const sum = rows.reduce((s, r) => s + r.total, 0);
    expect(sum).toBeCloseTo(0.3 - 0.35, 14);
  });
  it('puts a segment missing from one window entirely into mix, keeping the sum', () => {
    const r = decompose('region', [
      { segment: 'old', wonA: 4, nA: 8, wonB: 0, nB: 0 },
      { segment: 'new', wonA: 0, nA: 0, wonB: 1, nB: 4 },
      { segment: 'both', wonA: 3, nA: 12, wonB: 6, nB: 12 },
    ]);
    expect(r.find((x) => x.segment === 'old')!.rateEffect).toBe(0);
    expect(r.reduce((s, x) => s + x.total, 0)).toBeCloseTo(7 / 16 - 7 / 20, 14);
  });
});

describe('weekly trend', () => {
  it('finds Sundays', () => {
    expect(lastSundayOnOrBefore(toDayNumber('2024-06-30'))).toBe(toDayNumber('2024-06-30'));
    expect(lastSundayOnOrBefore(toDayNumber('2024-07-03'))).toBe(toDayNumber('2024-06-30'));
  });
  it('counts the most recent run of declines only', () => {
    const r = (rate: number | null) => ({ rate });
    expect(consecutiveDeclines([r(0.5), r(0.6), r(0.5), r(0.4), r(0.3)])).toBe(3);
    expect(consecutiveDeclines([r(0.5), r(0.4), r(0.4)])).toBe(0);
    expect(consecutiveDeclines([r(null), r(0.4)])).toBe(0);
  });
});

describe('computeWinRates', () => {
  const table = dealTableFrom(
    [
      ...deals(10, 6, { industry: 'SaaS', closedDate: '2024-06-20' }),
      ...deals(10, 2, { industry: 'FinTech', closedDate: '2024-06-01' }),
      ...deals(20, 15, { industry: 'SaaS', closedDate: '2024-03-15' }),
      // closed after asOf: open at asOf, so not counted
      deal({ industry: 'SaaS', closedDate: '2024-07-05', outcome: 'lost' }),
      // created after asOf: does not exist yet
      deal({ createdDate: '2024-07-02', closedDate: '2024-07-03', outcome: 'won' }),
      deal({ outcome: null }),
    ],
    '2024-06-30',
  );
  it('counts the window (asOf − 90, asOf] and every closed deal for all', () => {
    const w90 = computeWinRates(table, { window: 90 });
    expect(w90.overall).toMatchObject({ won: 8, n: 20, rate: 0.4 });
    expect(w90.previous).toMatchObject({ won: 15, n: 20 });
    const all = computeWinRates(table, { window: 'all' });
    expect(all.overall).toMatchObject({ won: 23, n: 40 });
    expect(all.decomposition).toEqual([]);
    expect(table.size).toBe(42);
  });
  it('segments with low-sample marks and Wilson intervals', () => {
    const r = computeWinRates(table, { window: 90, by: 'industry' });
    expect(r.segments.map((s) => [s.value, s.won, s.n, s.lowSample])).toEqual([
      ['FinTech', 2, 10, true],
      ['SaaS', 6, 10, true],
    ]);
    expect(r.segments[0]!.ci).not.toBeNull();
    expect(r.trend).toHaveLength(12);
    expect(r.trend.at(-1)!.weekEnd).toBe('2024-06-30');
  });
  it('names the most negative segment over all dimensions as the biggest contributor', () => {
    const r = computeWinRates(table, { window: 90 });
    const sum = r.decomposition
      .filter((d) => d.dimension === 'industry')
      .reduce((s, d) => s + d.total, 0);
    expect(sum).toBeCloseTo(0.4 - 0.75, 12);
    expect(r.biggestContributor!.total).toBe(Math.min(...r.decomposition.map((d) => d.total)));
  });
});
