import { describe, expect, it } from 'vitest';
import { statFns } from '../../src/app/stat-fns.js';
import { negativeMomentumAlert } from '../../src/domain/alert-rules.js';
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

describe('the momentum test (against the four quarters before)', () => {
  // Partner: 50% for a year, then 40% on 300 deals: a 10pp drop against a steady baseline.
  // Inbound: 55% in Q1 alone, then 45%: a bigger quarter-over-quarter fall (more negative
  // SMI) that is only noise against its own steady 46% year.
  const table = dealTableFrom(
    [
      ...deals(300, 150, { leadSource: 'Partner', closedDate: '2023-05-10' }),
      ...deals(300, 150, { leadSource: 'Partner', closedDate: '2023-08-10' }),
      ...deals(300, 150, { leadSource: 'Partner', closedDate: '2023-11-10' }),
      ...deals(300, 150, { leadSource: 'Partner', closedDate: '2024-02-10' }),
      ...deals(300, 120, { leadSource: 'Partner', closedDate: '2024-05-10' }),
      ...deals(300, 132, { leadSource: 'Inbound', closedDate: '2023-05-10' }),
      ...deals(300, 132, { leadSource: 'Inbound', closedDate: '2023-08-10' }),
      ...deals(300, 132, { leadSource: 'Inbound', closedDate: '2023-11-10' }),
      ...deals(300, 165, { leadSource: 'Inbound', closedDate: '2024-02-10' }),
      ...deals(300, 135, { leadSource: 'Inbound', closedDate: '2024-05-10' }),
    ],
    '2024-06-30',
  );
  const r = computeMomentum(table, { year: 2024, q: 2 }, false, statFns);
  const seg = (value: string) => r.segments.find((s) => s.value === value)!;

  it('pools the four quarters before as the baseline and tests one-sided', () => {
    expect(r.baselineQuarters).toEqual({ from: '2023Q2', to: '2024Q1' });
    expect(seg('Partner').baseline).toMatchObject({ won: 600, n: 1200 });
    expect(seg('Partner').declineP!).toBeLessThan(0.01);
    expect(seg('Partner').riseP!).toBeGreaterThan(0.99);
    expect(seg('Inbound').declineP!).toBeGreaterThan(0.2);
  });

  it('names the significant decline even when a noisier segment has the more negative SMI', () => {
    // among the lead sources, Inbound has the more negative SMI but only Partner's decline is real
    expect(seg('Inbound').smi).toBeLessThan(seg('Partner').smi);
    expect(seg('Partner').declineSignificant).toBe(true);
    expect(seg('Inbound').declineSignificant).toBe(false);
    const declining = r.significantDeclines.map((s) => s.value);
    expect(declining).toContain('Partner');
    expect(declining).not.toContain('Inbound');
    // the alert names the most negative significant decline, never the noisy segment
    const alert = negativeMomentumAlert(r)!;
    expect(alert.key).toBe(
      `negative-momentum:${r.significantDeclines[0]!.dimension}:${r.significantDeclines[0]!.value}`,
    );
    expect(alert.key).not.toContain('Inbound');
  });
});
