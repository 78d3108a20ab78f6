import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../src/domain/dates.js';
import type { Deal } from '../../src/domain/deal.js';
import { dealTableFrom } from '../../src/domain/deal-table.js';
import { computeAudit, defaultMonth, parseMonth, tierOf } from '../../src/domain/rep-audit.js';
import { deals } from '../helpers/deal-fixtures.js';

// won of 10 per rep and industry. Medians: A .65, B .50, C .55
const TEAM: Record<string, [number, number, number]> = {
  rep_1: [8, 8, 7], // +.15 +.30 +.15 → TOP PERFORMER
  rep_2: [9, 2, 5], // +.25 −.30 −.05 → SPECIALIST (route to A, stop B)
  rep_3: [3, 4, 3], // −.35 −.10 −.25 → NEEDS COACHING
  rep_4: [5, 6, 6], // −.15 +.10 +.05 → AVERAGE (+.10 is not above +10pp)
};

function team(): Deal[] {
  const out: Deal[] = [];
  for (const [repId, wins] of Object.entries(TEAM)) {
    ['A', 'B', 'C'].forEach((industry, j) => {
      out.push(
        ...deals(10, wins[j]!, {
          repId,
          industry,
          closedDate: '2024-03-01',
          createdDate: '2024-02-01',
        }),
      );
    });
  }
  // n < 5 everywhere: no tier; closed outside the 12 months: not counted
  out.push(...deals(4, 4, { repId: 'rep_5', industry: 'A', closedDate: '2024-03-01' }));
  out.push(
    ...deals(10, 0, {
      repId: 'rep_1',
      industry: 'A',
      createdDate: '2023-05-01',
      closedDate: '2023-06-30',
    }),
  );
  return out;
}

describe('computeAudit', () => {
  const result = computeAudit(dealTableFrom(team(), '2024-06-30'), { year: 2024, month: 6 });
  it('takes the 12 months ending on the month’s last day', () => {
    expect(result.window).toEqual({ from: '2023-07-01', to: '2024-06-30' });
  });
  it('computes industry medians over reps with n ≥ 5', () => {
    expect(result.medians.A).toBeCloseTo(0.65, 12);
    expect(result.medians.B).toBeCloseTo(0.5, 12);
    expect(result.medians.C).toBeCloseTo(0.55, 12);
  });
  it('assigns tiers first-match', () => {
    expect(Object.fromEntries(result.reps.map((r) => [r.repId, r.tier]))).toEqual({
      rep_1: 'TOP PERFORMER',
      rep_2: 'SPECIALIST',
      rep_3: 'NEEDS COACHING',
      rep_4: 'AVERAGE',
    });
    expect(result.counts).toEqual({
      'TOP PERFORMER': 1,
      SPECIALIST: 1,
      AVERAGE: 1,
      'NEEDS COACHING': 1,
    });
  });
  it('routes specialists and sums recoverable revenue of coaching reps', () => {
    expect(result.routing).toHaveLength(1);
    expect(result.routing[0]!.routeTo.map((x) => x.industry)).toEqual(['A']);
    expect(result.routing[0]!.stop.map((x) => x.industry)).toEqual(['B']);
    // rep_3: (.35 + .10 + .25) × 10 deals × $1,000
    expect(result.recoverable).toBeCloseTo(7000, 6);
  });
  it('prefers TOP PERFORMER over SPECIALIST when both match', () => {
    const x = (vsMedian: number) => ({ industry: 'i', won: 0, n: 5, rate: 0, vsMedian });
    expect(tierOf([x(0.2), x(0.2), x(0.2), x(0.2), x(-0.2)])).toBe('TOP PERFORMER');
  });
});

describe('months', () => {
  it('defaults to the last complete month and parses YYYY-MM', () => {
    expect(defaultMonth(toDayNumber('2024-06-30'))).toEqual({ year: 2024, month: 6 });
    expect(defaultMonth(toDayNumber('2024-07-18'))).toEqual({ year: 2024, month: 6 });
    expect(defaultMonth(toDayNumber('2024-01-05'))).toEqual({ year: 2023, month: 12 });
    expect(parseMonth('2024-13')).toBeNull();
  });
});
