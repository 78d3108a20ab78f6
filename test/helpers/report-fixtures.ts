/**
 * Hand-made query results that satisfy src/app/query-results.ts, for builder tests that
 * must not depend on the metric engine: small, typical and deliberately large/hostile
 * (25 reps, 300-character names, mrkdwn control characters).
 */
import type {
  AuditResult,
  DriversResult,
  MomentumResult,
  MomentumSegment,
  RateFigure,
  RsfsReport,
  SegmentRate,
  Tier,
  WinRateResult,
} from '../../src/app/queries/query-results.js';
import type { Dimension } from '../../src/domain/deal.js';

export function figure(won: number, n: number): RateFigure {
  if (n === 0) return { won: 0, n: 0, rate: null, ci: null };
  const rate = won / n;
  const half = 1.96 * Math.sqrt((rate * (1 - rate)) / n);
  return { won, n, rate, ci: [Math.max(0, rate - half), Math.min(1, rate + half)] };
}

export const LONG_NAME = `Healthcare & <Life> Sciences ${'x'.repeat(280)} <!channel>`;

export function segmentNames(count: number, long = false): string[] {
  return Array.from({ length: count }, (_, i) =>
    long ? `${LONG_NAME} ${i}` : `segment_${String(i + 1).padStart(2, '0')}`,
  );
}

export function winRateReport(
  o: { segments?: number; dimension?: Dimension; long?: boolean; window?: number | 'all' } = {},
): WinRateResult {
  const dimension = o.dimension ?? 'industry';
  const names = segmentNames(o.segments ?? 5, o.long);
  const segments: SegmentRate[] = names.map((value, i) => ({
    dimension,
    value,
    ...figure(10 + i, 25 + 3 * i),
    lowSample: 25 + 3 * i < 30,
  }));
  const trend = Array.from({ length: 12 }, (_, i) => ({
    weekEnd: `2024-04-${String(7 + i * 2).padStart(2, '0')}`,
    ...figure(180 - i * 2, 420),
  }));
  const row = (segment: string, total: number) => ({
    dimension,
    segment,
    rateEffect: total * 0.7,
    mixEffect: total * 0.3,
    total,
    previous: figure(60, 120),
    current: figure(45, 118),
  });
  const decomposition = names.map((n, i) => row(n, -0.004 * (i + 1)));
  return {
    asOf: '2024-06-30',
    window: o.window ?? 90,
    overall: figure(173, 420),
    previous: o.window === 'all' ? null : figure(190, 436),
    segments,
    trend,
    consecutiveDeclines: 4,
    decomposition,
    biggestContributor: decomposition[decomposition.length - 1] ?? null,
  };
}

export function rsfsReport(o: { long?: boolean; candidates?: number } = {}): RsfsReport {
  const industry = o.long ? LONG_NAME : 'HealthTech';
  return {
    dealId: 'D04521',
    repId: o.long ? `rep_${'9'.repeat(200)}` : 'rep_19',
    industry,
    assignedAt: '2024-05-14',
    raw: { won: 5, n: 18, rate: 5 / 18 },
    rsfs: 0.281,
    ci: [0.19, 0.38],
    source: 'rep-industry',
    industryNotSet: false,
    flag: 'RED',
    percentile: 12.4,
    reference: { size: 214, from: '2024-04-01', to: '2024-06-30' },
    k: 24,
    kRep: 2000,
    coleadCandidates: Array.from({ length: o.candidates ?? 3 }, (_, i) => ({
      repId: `rep_${23 + i}`,
      rsfs: 0.65 - i * 0.05,
      n: 31 - i,
    })),
    noColead: null,
    deal: {
      amount: 42_300,
      region: 'APAC',
      product: 'Core',
      leadSource: 'Outbound',
      stage: 'Proposal',
      createdDate: '2024-05-14',
      closed: false,
      ageDays: 47,
    },
    asOf: '2024-06-30',
  };
}

function momentumSegment(
  dimension: Dimension,
  value: string,
  smi: number,
  significant: boolean,
): MomentumSegment {
  return {
    dimension,
    value,
    smi,
    current: figure(81, 200),
    previous: figure(100, 205),
    share: 0.26,
    p: significant ? 0.004 : 0.21,
    significant,
    baseline: figure(430, 900),
    declineP: significant ? 0.002 : 0.3,
    declineSignificant: significant,
    riseP: significant ? 0.998 : 0.7,
    riseSignificant: false,
  };
}

export function momentumReport(o: { segments?: number; long?: boolean } = {}): MomentumResult {
  const names = segmentNames(o.segments ?? 4, o.long);
  const segments = names.map((n, i) =>
    momentumSegment('leadSource', n, -0.022 + i * 0.01, i === 0),
  );
  return {
    asOf: '2024-06-30',
    quarter: '2024-Q2',
    previousQuarter: '2024-Q1',
    partial: false,
    fdr: 0.1,
    segments,
    mostNegative: segments[0] ?? null,
    baselineQuarters: { from: '2023-Q2', to: '2024-Q1' },
    significantDeclines: segments.filter((s) => s.smi < 0 && s.declineSignificant),
  };
}

const TIERS: Tier[] = ['TOP PERFORMER', 'SPECIALIST', 'AVERAGE', 'NEEDS COACHING'];

export function auditReport(
  o: { reps?: number; industries?: number; long?: boolean } = {},
): AuditResult {
  const industries = segmentNames(o.industries ?? 5, o.long);
  const reps = Array.from({ length: o.reps ?? 8 }, (_, i) => ({
    repId: o.long ? `rep_${i}_${'r'.repeat(120)}` : `rep_${i + 1}`,
    tier: TIERS[i % 4]!,
    industries: industries.map((industry, j) => ({
      industry,
      won: 3 + ((i + j) % 5),
      n: 12,
      rate: (3 + ((i + j) % 5)) / 12,
      vsMedian: (((i + j) % 5) - 2) * 0.06,
    })),
  }));
  const counts = Object.fromEntries(
    TIERS.map((t) => [t, reps.filter((r) => r.tier === t).length]),
  ) as Record<Tier, number>;
  return {
    month: '2024-01',
    asOf: '2024-06-30',
    window: { from: '2023-02-01', to: '2024-01-31' },
    medians: Object.fromEntries(industries.map((i) => [i, 0.45])),
    reps,
    counts,
    routing: reps
      .filter((r) => r.tier === 'SPECIALIST')
      .map((r) => ({
        repId: r.repId,
        routeTo: r.industries.filter((x) => x.vsMedian > 0.1),
        stop: r.industries.filter((x) => x.vsMedian < -0.1),
      })),
    recoverable: 2_900_000,
    recoverableWithoutAmount: 0,
    industryNotSet: 0,
  };
}

export function driversReport(): DriversResult {
  return {
    asOf: '2024-06-30',
    version: 'test',
    model: null,
    training: { from: '2022-01-01', to: '2023-12-31', n: 3200 },
    validation: { from: '2024-01-01', to: '2024-06-30', n: 800 },
    auc: {
      rsfs: { value: 0.59, ci: [0.55, 0.63] },
      deal: { value: 0.48, ci: [0.44, 0.52] },
      combined: { value: null, ci: null, undefinedReason: 'one class only' },
    },
    oddsRatios: [],
    cycleBuckets: [],
  };
}
