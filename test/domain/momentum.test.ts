import { describe, expect, it } from 'vitest';
import { statFns } from '../../src/app/stat-fns.js';
import { toDayNumber } from '../../src/domain/dates.js';
import { dealTableFrom } from '../../src/domain/deal-table.js';
import { computeMomentum, defaultQuarter, parseQuarter } from '../../src/domain/momentum.js';
import { deals } from '../helpers/deal-fixtures.js';

describe('quarters', () => {
  it('takes the last complete quarter, or the running one when partial', () => {
    expect(defaultQuarter(toDayNumber('2024-06-30'), false)).toEqual({ year: 2024, q: 2 });
    expect(defaultQuarter(toDayNumber('2024-06-29'), false)).toEqual({ year: 2024, q: 1 });
    expect(defaultQuarter(toDayNumber('2024-06-29'), true)).toEqual({ year: 2024, q: 2 });
    expect(parseQuarter('2024Q2')).toEqual({ year: 2024, q: 2 });
    expect(parseQuarter('2024Q5')).toBeNull();
  });
});

describe('computeMomentum', () => {
  const table = dealTableFrom(
    [
      ...deals(100, 60, { leadSource: 'Inbound', closedDate: '2024-02-10' }),
      ...deals(100, 30, { leadSource: 'Inbound', closedDate: '2024-05-10' }),
      ...deals(100, 40, { leadSource: 'Referral', closedDate: '2024-02-10' }),
      ...deals(300, 150, { leadSource: 'Referral', closedDate: '2024-05-10' }),
    ],
    '2024-06-30',
  );
  const r = computeMomentum(table, { year: 2024, q: 2 }, false, statFns);
  it('weights the rate change by the current share', () => {
    const inbound = r.segments.find((s) => s.value === 'Inbound')!;
    expect(inbound.share).toBeCloseTo(0.25, 12);
    expect(inbound.smi).toBeCloseTo((0.3 - 0.6) * 0.25, 12);
    expect(r.mostNegative!.value).toBe('Inbound');
    expect(inbound.significant).toBe(true);
    expect(r.segments.find((s) => s.value === 'Referral')!.significant).toBe(false);
  });
  it('tests every segment of every deal dimension present in both quarters', () => {
    // industry, region, product each have one value; lead source two
    expect(r.segments).toHaveLength(5);
    expect(r.quarter).toBe('2024Q2');
    expect(r.previousQuarter).toBe('2024Q1');
  });
});
