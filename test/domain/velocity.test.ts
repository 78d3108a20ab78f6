import { describe, expect, it } from 'vitest';
import { dealTableFrom } from '../../src/domain/deal-table.js';
import { computeVelocity } from '../../src/domain/velocity.js';
import { deal } from '../helpers/deal-fixtures.js';

describe('computeVelocity (metrics.md pipeline velocity)', () => {
  it('is open deals × mean open amount × 90-day win rate ÷ mean won cycle, per day', () => {
    const asOf = '2024-06-30';
    const table = dealTableFrom(
      [
        // open: 2 deals, mean amount 3,000
        deal({ outcome: null, amount: 2000, createdDate: '2024-06-01' }),
        deal({ outcome: null, amount: 4000, createdDate: '2024-06-10' }),
        // closed in the 90 days after 2024-04-01: 2 won of 4, won cycles 20 and 40 days
        deal({ outcome: 'won', createdDate: '2024-05-01', closedDate: '2024-05-21' }), // 20 d
        deal({ outcome: 'won', createdDate: '2024-04-01', closedDate: '2024-05-11' }), // 40 d
        deal({ outcome: 'lost', createdDate: '2024-04-01', closedDate: '2024-06-01' }),
        deal({ outcome: 'lost', createdDate: '2024-04-01', closedDate: '2024-06-29' }),
        // closed before the 90 days (2024-04-01 and earlier): not counted
        deal({ outcome: 'won', createdDate: '2024-01-01', closedDate: '2024-04-01' }),
      ],
      asOf,
    );
    const v = computeVelocity(table);
    expect(v).toMatchObject({
      openDeals: 2,
      meanOpenAmount: 3000,
      closed90: 4,
      won90: 2,
      winRate90: 0.5,
      meanWonCycleDays90: 30,
    });
    expect(v.value).toBeCloseTo((2 * 3000 * 0.5) / 30, 10); // $100 a day
  });

  it('is undefined without a win in 90 days, and zero with nothing open', () => {
    const noWins = dealTableFrom(
      [deal({ outcome: null }), deal({ outcome: 'lost', closedDate: '2024-06-01' })],
      '2024-06-30',
    );
    expect(computeVelocity(noWins).value).toBeNull();
    const nothingOpen = dealTableFrom([deal({ closedDate: '2024-06-01' })], '2024-06-30');
    expect(computeVelocity(nothingOpen)).toMatchObject({ value: 0, openDeals: 0 });
  });
});
