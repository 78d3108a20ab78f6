/**
 * The daily metrics run: loads the deals as of a date once, computes every figure and
 * stores them (metric_history, deal_scores, rep_audits) in one transaction that replaces
 * the date's rows, so re-running a date is safe. The driver model is not refit here: the
 * design refits it weekly (drivers-run.ts), and its 1,000-resample bootstrap is
 * most of a run's time on a large store.
 */

import { toDayNumber } from '../../domain/dates.js';
import { OPEN } from '../../domain/deal-table.js';
import { fitInterval, flagOf } from '../../domain/fit-score.js';
import { computeMomentum, defaultQuarter, type MomentumResult } from '../../domain/momentum.js';
import { computeAudit, defaultMonth } from '../../domain/rep-audit.js';
import type { RateFigure } from '../../domain/stats.js';
import { computeVelocity } from '../../domain/velocity.js';
import { computeWinRates, type WinRateResult } from '../../domain/win-rate.js';
import type { DealScoreRow, MetricRow } from '../ports/metric-store.js';
import type { Store } from '../ports/store.js';
import { resolveAsOf } from '../queries/metric-queries.js';
import { buildScoringContext, type ScoringContext } from '../queries/scoring.js';
import { statFns } from '../stat-fns.js';

export interface MetricsRunSummary {
  asOf: string;
  deals: number;
  openDeals: number;
  metricRows: number;
  scoredDeals: number;
  flags: { RED: number; YELLOW: number; GREEN: number };
  auditMonth: string;
  /** seconds per step */
  timings: Record<string, number>;
}

function rateRow(
  metric: string,
  dimension: string,
  segment: string,
  r: RateFigure,
  detail?: unknown,
): MetricRow {
  return {
    metric,
    dimension,
    segment,
    value: r.rate,
    won: r.won,
    n: r.n,
    ciLo: r.ci?.[0] ?? null,
    ciHi: r.ci?.[1] ?? null,
    detail,
  };
}

function winRateRows(metric: string, r: WinRateResult): MetricRow[] {
  return [
    rateRow(metric, '', '', r.overall, {
      previous: r.previous,
      trend: r.trend,
      consecutiveDeclines: r.consecutiveDeclines,
      biggestContributor: r.biggestContributor,
    }),
    ...r.segments.map((s) => rateRow(metric, s.dimension, s.value, s, { lowSample: s.lowSample })),
  ];
}

function momentumRows(m: MomentumResult): MetricRow[] {
  return m.segments.map((s) => ({
    metric: 'smi',
    dimension: s.dimension,
    segment: s.value,
    value: s.smi,
    won: s.current.won,
    n: s.current.n,
    ciLo: null,
    ciHi: null,
    detail: {
      quarter: m.quarter,
      previous: s.previous,
      current: s.current,
      share: s.share,
      p: s.p,
      significant: s.significant,
    },
  }));
}

/** Scores of the deals open at asOf, with their 90% interval and flag. */
function openDealScores(ctx: ScoringContext): DealScoreRow[] {
  const { table, index } = ctx;
  const out: DealScoreRow[] = [];
  for (let i = 0; i < table.size; i++) {
    if (table.closed[i]! !== OPEN) continue;
    const s = index.score(table.codes.rep[i]!, table.codes.industry[i]!, table.assigned[i]!);
    const [ciLo, ciHi] = fitInterval(s, statFns);
    const { flag, percentile } = flagOf(s.rsfs, ctx.reference);
    out.push({
      dealId: table.ids[i]!,
      rsfs: s.rsfs,
      ciLo,
      ciHi,
      rawWon: s.raw.won,
      rawN: s.raw.n,
      source: s.source,
      flag,
      percentile,
    });
  }
  return out;
}

export interface MetricsRunResult {
  summary: MetricsRunSummary;
  /** kept for incremental scoring (scoreDeal) until the next run */
  context: ScoringContext;
}

export async function runMetrics(
  store: Pick<Store, 'deals' | 'metrics'>,
  o: { asOf?: string; now: () => Date },
): Promise<MetricsRunResult> {
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - t0) / 1000;
    t0 = t;
  };
  const asOf = await resolveAsOf(store, o.asOf);
  const asOfDay = toDayNumber(asOf);
  const table = await store.deals.loadTable(asOf);
  lap('load');
  const metrics: MetricRow[] = [
    ...winRateRows('winrate_90d', computeWinRates(table, { window: 90 })),
    ...winRateRows('winrate_all', computeWinRates(table, { window: 'all' })),
  ];
  lap('winrates');
  const momentum = computeMomentum(table, defaultQuarter(asOfDay, false), false, statFns);
  metrics.push(...momentumRows(momentum));
  lap('smi');
  const v = computeVelocity(table);
  metrics.push({
    metric: 'velocity',
    dimension: '',
    segment: '',
    value: v.value,
    won: null,
    n: v.openDeals,
    ciLo: null,
    ciHi: null,
    detail: v,
  });
  lap('velocity');
  const ctx = buildScoringContext(table);
  lap('rsfs');
  const scores = openDealScores(ctx);
  const flags = { RED: 0, YELLOW: 0, GREEN: 0 };
  let sum = 0;
  for (const s of scores) {
    flags[s.flag as keyof typeof flags]++;
    sum += s.rsfs;
  }
  metrics.push({
    metric: 'avg_rsfs',
    dimension: '',
    segment: '',
    value: scores.length ? sum / scores.length : null,
    won: null,
    n: scores.length,
    ciLo: null,
    ciHi: null,
    detail: { flags, reference: { size: ctx.reference.sorted.length } },
  });
  lap('flags');
  const month = defaultMonth(asOfDay);
  const audit = computeAudit(table, month);
  lap('audit');
  await store.metrics.writeRun({
    asOf,
    computedAt: o.now().toISOString(),
    metrics,
    scores,
    audit: { month: audit.month, result: audit },
  });
  lap('write');
  return {
    summary: {
      asOf,
      deals: table.size,
      openDeals: scores.length,
      metricRows: metrics.length,
      scoredDeals: scores.length,
      flags,
      auditMonth: audit.month,
      timings,
    },
    context: ctx,
  };
}
