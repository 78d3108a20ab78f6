import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../src/domain/dates.js';
import type { Deal } from '../../src/domain/deal.js';
import {
  DEFAULT_DEMO_OPTIONS,
  type DemoOptions,
  generateDemoDeals,
  NO_EFFECTS,
} from '../../src/domain/demo-deals.js';

function generate(overrides: Partial<DemoOptions>): Deal[] {
  return [...generateDemoDeals({ ...DEFAULT_DEMO_OPTIONS, ...overrides })];
}

function winRate(deals: Deal[]): { rate: number; n: number } {
  const closed = deals.filter((d) => d.outcome !== null);
  return {
    rate: closed.filter((d) => d.outcome === 'won').length / closed.length,
    n: closed.length,
  };
}

describe('generateDemoDeals', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generate({ deals: 500, seed: 1 });
    const b = generate({ deals: 500, seed: 1 });
    const c = generate({ deals: 500, seed: 2 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('keeps every date within the range and open deals recent, unclosed and of spread ages', () => {
    const deals = generate({ deals: 5000 });
    const end = toDayNumber(DEFAULT_DEMO_OPTIONS.end);
    const open = deals.filter((d) => d.outcome === null);
    expect(open.length / deals.length).toBeGreaterThan(0.05);
    expect(open.length / deals.length).toBeLessThan(0.11);
    for (const deal of open) {
      expect(deal.closedDate).toBeNull();
      expect(end - toDayNumber(deal.createdDate)).toBeLessThanOrEqual(120);
    }
    expect(open.some((d) => end - toDayNumber(d.createdDate) > 30)).toBe(true);
    expect(open.some((d) => end - toDayNumber(d.createdDate) <= 30)).toBe(true);
    for (const deal of deals.filter((d) => d.outcome !== null)) {
      const closed = toDayNumber(deal.closedDate as string);
      expect(closed).toBeLessThanOrEqual(end);
      expect(closed - toDayNumber(deal.createdDate)).toBe(deal.cycleDays);
    }
  });

  it('with effects off is noise around the base rate in every lead source', () => {
    const deals = generate({ deals: 20_000, effects: NO_EFFECTS, seed: 3 });
    for (const source of ['Inbound', 'Outbound', 'Referral', 'Partner']) {
      const { rate } = winRate(deals.filter((d) => d.leadSource === source));
      expect(Math.abs(rate - 0.45)).toBeLessThan(0.03);
    }
  });

  it('plants the lead-source drop in the latest quarter only', () => {
    const deals = generate({ deals: 40_000, seed: 4 });
    const latest = (d: Deal) => (d.closedDate ?? '') >= '2024-04-01';
    const inboundLatest = winRate(deals.filter((d) => d.leadSource === 'Inbound' && latest(d)));
    const othersLatest = winRate(deals.filter((d) => d.leadSource !== 'Inbound' && latest(d)));
    expect(othersLatest.rate - inboundLatest.rate).toBeGreaterThan(0.06);
    const inboundBefore = winRate(
      deals.filter((d) => d.leadSource === 'Inbound' && !latest(d) && d.outcome !== null),
    );
    const othersBefore = winRate(deals.filter((d) => d.leadSource !== 'Inbound' && !latest(d)));
    expect(Math.abs(othersBefore.rate - inboundBefore.rate)).toBeLessThan(0.03);
  });

  it('rejects impossible options with a readable reason', () => {
    expect(() => generate({ deals: 0 })).toThrow(/deals must be >= 1/);
    expect(() => generate({ end: '2024-02-30' })).toThrow(/end 2024-02-30 is not a date/);
  });
});
