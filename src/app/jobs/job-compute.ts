/**
 * The CPU-heavy work of the scheduled jobs and of scoring one deal, behind one port: the
 * daily metrics run (seconds on a million deals), the weekly driver refit (a 1,000-resample
 * bootstrap), the digest's figures, the monthly audit and a deal's fit against the last
 * run's scoring context. The running app runs it in a thread of its own (query-worker.ts,
 * see inQueryThread), so a metrics run at 06:00 never holds back a Slack ack nor a
 * question's answer; the CLI and the tests run it in their own thread.
 */
import { computeSafeguards, type Safeguards } from '../alerts/safeguards.js';
import { ContextScoring } from '../colead/colead-scoring.js';
import type { ColeadScoring, DealFit } from '../colead/colead-types.js';
import type { Store } from '../ports/store.js';
import { queryAudit, queryMomentum, queryWinRate } from '../queries/metric-queries.js';
import type {
  AuditResult,
  DriversResult,
  MomentumResult,
  WinRateResult,
} from '../queries/query-results.js';
import { runDriverModel } from './drivers-run.js';
import { type MetricsRunSummary, runMetrics } from './metrics-run.js';

/** The figures the alert sweep and the digest read: today's rolling win rate and momentum. */
export interface CurrentFigures {
  winRate90: WinRateResult;
  /** null when there are not two complete quarters to compare */
  momentum: MomentumResult | null;
}

/** What the metrics job hands the alert sweep, besides the figures it stored. */
export interface MetricsJobData extends CurrentFigures {
  summary: MetricsRunSummary;
  safeguards: Safeguards;
}

export interface JobCompute extends ColeadScoring {
  /** runs and stores the daily metrics; later deal fits use its scoring context */
  metricsRun(now: string): Promise<MetricsJobData>;
  /** refits and stores the driver model */
  driversRun(now: string): Promise<DriversResult>;
  /** the rolling 90-day win rate and momentum now (the digest's headline figures) */
  currentFigures(): Promise<CurrentFigures>;
  /** the rep audit of the last complete month */
  audit(): Promise<AuditResult>;
}

/** What the jobs' computation reads and writes. */
export type ComputeStore = Pick<Store, 'deals' | 'coleads' | 'metrics'>;

/** The jobs' computation on `store`, in the calling thread. */
export function computeInThisThread(store: ComputeStore): JobCompute {
  const scoring = new ContextScoring(store);
  return {
    async metricsRun(now) {
      const run = await runMetrics(store, { now: () => new Date(now) });
      scoring.setContext(run.context);
      return {
        summary: run.summary,
        safeguards: computeSafeguards(run.context, await store.metrics.latestDriversResult()),
        ...(await figures()),
      };
    },
    async driversRun(now) {
      return runDriverModel(store, { now: () => new Date(now) });
    },
    currentFigures: () => figures(),
    audit: async () => queryAudit(store, {}),
    async dealFit(dealId: string): Promise<DealFit | null> {
      return scoring.dealFit(dealId);
    },
    redOpenDeals: () => scoring.redOpenDeals(),
  };

  async function figures(): Promise<CurrentFigures> {
    return {
      winRate90: await queryWinRate(store, { window: 90 }),
      momentum: await momentumOrNull(store),
    };
  }
}

async function momentumOrNull(store: ComputeStore): Promise<MomentumResult | null> {
  try {
    return await queryMomentum(store, {});
  } catch (error) {
    // too little history for two complete quarters: the sweep and digest go on without it
    if (error instanceof RangeError) return null;
    throw error;
  }
}
