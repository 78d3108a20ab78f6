/**
 * metrics.md "Missing values" in the domain: one "(not set)" label per dimension, never a
 * segment that raises an alert; the RSFS of a deal with no industry is its owner's pooled
 * overall rate, in the sweep as one at a time; blank amounts left out of means and sums.
 */
import { describe, expect, it } from 'vitest';
import { statFns } from '../../src/app/stat-fns.js';
import { negativeMomentumAlert, winRateThresholdAlert } from '../../src/domain/alert-rules.js';
import { addDays, toDayNumber } from '../../src/domain/dates.js';
import { NOT_SET } from '../../src/domain/deal.js';
import { dealTableFrom } from '../../src/domain/deal-table.js';
import { computeDrivers } from '../../src/domain/drivers.js';
import {
  combine,
  countIn,
  FitIndex,
  HISTORY_DAYS,
  rankColeadCandidates,
  scoreAllDeals,
} from '../../src/domain/fit-score.js';
import { computeMomentum } from '../../src/domain/momentum.js';
import { segmentRatesOver } from '../../src/domain/period-rates.js';
import { computeAudit } from '../../src/domain/rep-audit.js';
import { computeVelocity } from '../../src/domain/velocity.js';
import { computeWinRates } from '../../src/domain/win-rate.js';
import { deal, deals } from '../helpers/deal-fixtures.js';

describe('"(not set)" segments', () => {
  it('one row for every blank value, never named by an alert, however far it falls', () => {
    // blank lead source: 70% → 10% over a quarter, on plenty of deals; Referral drops too
    const table = dealTableFrom(
      [
        ...deals(200, 140, { leadSource: null, closedDate: '2023-08-10' }),
        ...deals(200, 140, { leadSource: null, closedDate: '2024-02-10' }),
        ...deals(200, 20, { leadSource: null, closedDate: '2024-05-10' }),
        ...deals(300, 150, { leadSource: 'Referral', closedDate: '2023-08-10' }),
        ...deals(300, 150, { leadSource: 'Referral', closedDate: '2024-02-10' }),
        ...deals(300, 120, { leadSource: 'Referral', closedDate: '2024-05-10' }),
      ],
      '2024-06-30',
    );
    expect(table.labels.leadSource).toEqual([NOT_SET, 'Referral']);
    const m = computeMomentum(table, { year: 2024, q: 2 }, false, statFns);
    const notSet = m.segments.find((s) => s.value === NOT_SET)!;
    // shown with its figures, but tested in no family
    expect(notSet.current).toMatchObject({ won: 20, n: 200 });
    expect(notSet.declineP).toBeLessThan(1e-6);
    expect(notSet.declineSignificant).toBe(false);
    expect(notSet.significant).toBe(false);
    // (the single industry, region and product fall with it: they hold every deal)
    expect(m.mostNegative?.value).not.toBe(NOT_SET);
    const declines = m.significantDeclines.filter((s) => s.dimension === 'leadSource');
    expect(declines.map((s) => s.value)).toEqual(['Referral']);
    expect(negativeMomentumAlert(m)?.key).not.toContain(NOT_SET);
    // without Referral's own decline, nothing in lead source alerts at all
    const onlyBlank = computeMomentum(
      dealTableFrom(
        [
          ...deals(200, 140, { leadSource: null, closedDate: '2023-08-10' }),
          ...deals(200, 140, { leadSource: null, closedDate: '2024-02-10' }),
          ...deals(200, 20, { leadSource: null, closedDate: '2024-05-10' }),
          ...deals(300, 150, { leadSource: 'Referral', closedDate: '2023-08-10' }),
          ...deals(300, 150, { leadSource: 'Referral', closedDate: '2024-02-10' }),
          ...deals(300, 150, { leadSource: 'Referral', closedDate: '2024-05-10' }),
        ],
        '2024-06-30',
      ),
      { year: 2024, q: 2 },
      false,
      statFns,
    );
    expect(onlyBlank.significantDeclines.map((s) => s.value)).not.toContain(NOT_SET);
    expect(onlyBlank.significantDeclines.filter((s) => s.dimension === 'leadSource')).toEqual([]);

    // the win-rate alert's contributors and the biggest contributor skip it too
    const w = computeWinRates(table, { window: 90 });
    expect(w.segments.some((s) => s.value === NOT_SET)).toBe(true);
    expect(w.biggestContributor?.segment).not.toBe(NOT_SET);
    const alert = winRateThresholdAlert(w, 0.9);
    expect(alert?.contributors.map((c) => c.segment)).not.toContain(NOT_SET);
  });
});

describe('"(not set)" rows of a period', () => {
  it('come last, however many deals they hold', () => {
    const table = dealTableFrom(
      [
        ...deals(50, 20, { industry: null, closedDate: '2024-06-01' }),
        ...deals(10, 5, { industry: 'SaaS', closedDate: '2024-06-01' }),
      ],
      '2024-06-30',
    );
    const p = { from: toDayNumber('2024-04-01'), to: toDayNumber('2024-06-30') };
    expect(segmentRatesOver(table, 'industry', p).map((r) => [r.value, r.n])).toEqual([
      ['SaaS', 10],
      [NOT_SET, 50],
    ]);
  });
});

describe('RSFS without an industry', () => {
  // rep_1: 40 closed deals in SaaS (30 won) and 20 with no industry (5 won); others in SaaS
  const history = [
    ...deals(40, 30, { repId: 'rep_1', industry: 'SaaS', closedDate: '2024-03-01' }),
    ...deals(20, 5, { repId: 'rep_1', industry: null, closedDate: '2024-03-01' }),
    ...deals(30, 10, { repId: 'rep_2', industry: 'SaaS', closedDate: '2024-03-01' }),
    ...deals(30, 20, { repId: 'rep_3', industry: 'FinTech', closedDate: '2024-03-01' }),
    deal({ id: 'OPEN1', repId: 'rep_1', industry: null, createdDate: '2024-06-01', outcome: null }),
    deal({ id: 'OPEN2', repId: 'rep_9', industry: null, createdDate: '2024-06-01', outcome: null }),
  ];
  const table = dealTableFrom(history, '2024-06-30');
  const index = new FitIndex(table);
  const t = table.assigned[table.ids.indexOf('OPEN1')]!;

  it("is the owner's pooled overall rate, source rep (global under 5 deals), in the sweep too", () => {
    const s = index.scoreLabels('rep_1', null, t);
    const all = countIn(index.all, 0, t - HISTORY_DAYS, t);
    expect(all).toEqual({ won: 65, n: 120 });
    const k = index.kAt(t);
    const kRep = index.kRepAt(t);
    // rep_1's 60 closed deals, every industry and none, shrunk towards the global rate
    const repRate = (35 + (kRep * 65) / 120) / (60 + kRep);
    expect(s).toMatchObject({ source: 'rep', industryNotSet: true, raw: { won: 0, n: 0 } });
    expect(s.rsfs).toBeCloseTo(repRate, 12);
    expect(s.rsfs).toBeCloseTo(
      combine({ won: 0, n: 0 }, { won: 35, n: 60 }, all, k, kRep).rsfs,
      12,
    );
    // the "(not set)" code of the table scores the same as a null
    expect(index.score(index.repCode.get('rep_1')!, index.notSetInd, t).rsfs).toBe(s.rsfs);
    const swept = scoreAllDeals(index);
    expect(swept.rsfs[table.ids.indexOf('OPEN1')]).toBeCloseTo(s.rsfs, 12);
    expect(swept.rawN[table.ids.indexOf('OPEN1')]).toBe(0);
    expect(index.scoreLabels('rep_9', null, t).source).toBe('global');
  });

  it('k is estimated over the rep × industry cells only', () => {
    const without = new FitIndex(
      dealTableFrom(
        history.filter((d) => d.industry !== null),
        '2024-06-30',
      ),
    );
    expect(index.kAt(t)).toBe(without.kAt(t));
  });

  it('has no co-lead candidates: there is no industry to match', () => {
    expect(rankColeadCandidates(index, 'rep_2', null, t)).toEqual([]);
    expect(rankColeadCandidates(index, 'rep_2', NOT_SET, t)).toEqual([]);
    expect(rankColeadCandidates(index, 'rep_2', 'SaaS', t).map((c) => c.repId)).toEqual(['rep_1']);
  });
});

describe('blank amounts', () => {
  it('velocity counts the open deal and leaves its amount out of the mean', () => {
    const table = dealTableFrom(
      [
        deal({ amount: 1000, outcome: null }),
        deal({ amount: 3000, outcome: null }),
        deal({ amount: null, outcome: null }),
        ...deals(10, 5, { closedDate: '2024-06-01', createdDate: '2024-05-02' }),
      ],
      '2024-06-30',
    );
    const v = computeVelocity(table);
    expect(v).toMatchObject({ openDeals: 3, meanOpenAmount: 2000, openWithoutAmount: 1 });
    expect(v.value).toBeCloseTo((3 * 2000 * 0.5) / 30, 9);
  });

  it('the audit leaves blank amounts out of revenue recoverable and says how many', () => {
    const month = { year: 2024, month: 6 };
    const closed = (
      repId: string,
      industry: string | null,
      n: number,
      won: number,
      amount: number | null,
    ) => deals(n, won, { repId, industry, amount, closedDate: '2024-06-10' });
    const table = dealTableFrom(
      [
        ...closed('rep_1', 'SaaS', 10, 8, 1000),
        ...closed('rep_2', 'SaaS', 10, 6, 1000),
        ...closed('rep_3', 'SaaS', 5, 1, 2000),
        ...closed('rep_3', 'SaaS', 5, 1, null),
        ...closed('rep_3', null, 7, 1, 500),
      ],
      '2024-06-30',
    );
    const audit = computeAudit(table, month);
    expect(audit.medians).toEqual({ SaaS: 0.6 });
    const rep3 = audit.reps.find((r) => r.repId === 'rep_3')!;
    expect(rep3.tier).toBe('NEEDS COACHING');
    // (0.6 − 0.2) × the 5 deals with an amount × their mean $2,000; 5 left out
    expect(audit.recoverable).toBeCloseTo(0.4 * 5 * 2000, 9);
    expect(audit.recoverableWithoutAmount).toBe(5);
    expect(audit.industryNotSet).toBe(7);
    expect(rep3.industries.map((i) => i.industry)).toEqual(['SaaS']);
  });

  it('the driver model fits with blank amounts and "(not set)" levels', () => {
    const many = Array.from({ length: 600 }, (_, i) =>
      deal({
        createdDate: addDays('2023-01-01', i),
        closedDate: addDays('2023-01-20', i),
        industry: i % 5 === 0 ? null : i % 2 ? 'SaaS' : 'FinTech',
        amount: i % 4 === 0 ? null : 1000 + i,
        outcome: (i * 7) % 10 < 4 ? 'won' : 'lost',
      }),
    );
    const table = dealTableFrom(many, '2024-12-31');
    const r = computeDrivers(table, scoreAllDeals(new FitIndex(table)).rsfs);
    for (const o of r.oddsRatios) expect(Number.isFinite(o.oddsRatio)).toBe(true);
    expect(r.oddsRatios.map((o) => o.feature).join()).toContain(`industry=${NOT_SET}`);
  });
});
