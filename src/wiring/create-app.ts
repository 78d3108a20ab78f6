/**
 * The composition root: the only place adapters are constructed and wired to each other.
 * It opens the store, binds the metric queries to it (behind a data-versioned cache),
 * builds the chart renderer and hands everything to the Slack app.
 */
import { type Logger, type LogLevel, webApi } from '@slack/bolt';
import { createChartRenderer } from '../adapters/charts/render.js';
import type { Scheduler } from '../adapters/scheduler.js';
import type { HomeInput } from '../adapters/slack/blocks/app-home.js';
import type { HealthReport, SlackDeps } from '../adapters/slack/deps.js';
import { createSlackMessenger, slackGroupMembers } from '../adapters/slack/messenger.js';
import { type RunningSlackApp, startSlackApp } from '../adapters/slack/slack-app.js';
import { listRedDealsWithoutProposal } from '../adapters/storage/colead-store.js';
import { closeDatabase, type Db, openDatabase } from '../adapters/storage/database.js';
import {
  pingDatabase,
  readDataVersion,
  readPipelineHealth,
} from '../adapters/storage/pipeline-health.js';
import { readDataAsOf, readStatus } from '../adapters/storage/status-queries.js';
import { createHookHttpHandler } from '../adapters/webhook/http-handler.js';
import type { JobCompute } from '../app/jobs/job-compute.js';
import type { Proactive } from '../app/jobs/proactive.js';
import type { ChartRenderer, Png } from '../app/ports/messenger.js';
import { AnswerCache } from '../app/queries/answer-cache.js';
import { queryAudit, queryRsfs, queryWinRate } from '../app/queries/metric-queries.js';
import type { AuditReport, RsfsReport, WinRateReport } from '../app/queries/query-results.js';
import type { Config } from '../config.js';
import type { Dimension } from '../domain/deal.js';
import {
  createProactive,
  createScheduler,
  dealWebhook,
  proactiveActions,
} from './create-proactive.js';
import { QueryThread } from './query-thread.js';

/** The metric queries (contracts.md), as the Slack side uses them. */
export interface MetricEngine {
  queryWinRate(db: Db, o: { asOf?: string; by?: Dimension; window: number | 'all' }): WinRateReport;
  queryRsfs(db: Db, dealId: string, o: { asOf?: string }): RsfsReport;
  queryAudit(db: Db, o: { asOf?: string; month?: string }): AuditReport;
}

/** The real metric engine (src/app/queries.ts). */
export const metricEngine: MetricEngine = { queryWinRate, queryRsfs, queryAudit };

/** The queries as the Slack side awaits them: in this thread or in the query thread. */
export interface AsyncQueries {
  winRate(o: { by?: Dimension; window: number | 'all' }): Promise<WinRateReport>;
  rsfs(dealId: string): Promise<RsfsReport>;
  audit(o: { month?: string }): Promise<AuditReport>;
  close(): Promise<void>;
}

export function inThisThread(db: Db, engine: MetricEngine): AsyncQueries {
  // async functions turn a synchronous throw into a rejection
  return {
    winRate: async (o) => engine.queryWinRate(db, o),
    rsfs: async (id) => engine.queryRsfs(db, id, {}),
    audit: async (o) => engine.queryAudit(db, o),
    close: async () => {},
  };
}

/**
 * Two threads on the same worker code, each with its own connection: one answers questions
 * and draws charts, the other runs the jobs' computation and keeps the scoring context, so
 * a question asked during the 06:00 metrics run (11 s on 1M deals) is not queued behind it.
 */
export function inQueryThread(
  dbPath: string,
): AsyncQueries & { charts: ChartRenderer; compute: Omit<JobCompute, 'redOpenDeals'> } {
  const thread = new QueryThread(dbPath);
  const jobs = new QueryThread(dbPath);
  // structured clone turns the PNG Buffer into a Uint8Array: make it a Buffer again
  const chart =
    (kind: keyof ChartRenderer) =>
    async (report: WinRateReport | AuditReport): Promise<Png> => {
      const png = await thread.call<Png>('chart', kind, report);
      return {
        ...png,
        data: Buffer.from(png.data.buffer, png.data.byteOffset, png.data.byteLength),
      };
    };
  return {
    winRate: (o) => thread.call('winRate', o),
    rsfs: (id) => thread.call('rsfs', id, {}),
    audit: (o) => thread.call('audit', o),
    close: async () => {
      await Promise.all([thread.close(), jobs.close()]);
    },
    charts: {
      winRateBySegment: chart('winRateBySegment'),
      winRateTrend: chart('winRateTrend'),
      fitHeatmap: chart('fitHeatmap'),
    },
    compute: {
      metricsRun: (now) => jobs.call('metricsRun', now),
      driversRun: (now) => jobs.call('driversRun', now),
      currentFigures: () => jobs.call('currentFigures'),
      audit: () => jobs.call('audit', {}),
      dealFit: (dealId) => jobs.call('dealFit', dealId),
    },
  };
}

/** One PNG per report object: cached reports get their chart drawn once. */
function chartsPerReport(renderer: ChartRenderer): ChartRenderer {
  const memo = <R extends object>(draw: (r: R) => Promise<Png>) => {
    const done = new WeakMap<R, Promise<Png>>();
    return (report: R): Promise<Png> => {
      let png = done.get(report);
      if (!png) {
        png = draw(report);
        done.set(report, png);
        png.catch(() => done.delete(report));
      }
      return png;
    };
  };
  return {
    winRateBySegment: memo((r: WinRateReport) => renderer.winRateBySegment(r)),
    winRateTrend: memo((r: WinRateReport) => renderer.winRateTrend(r)),
    fitHeatmap: memo((r: AuditReport) => renderer.fitHeatmap(r)),
  };
}

export function readHealth(db: Db): HealthReport {
  const dbState = pingDatabase(db);
  if (!dbState.ok) return { ok: false, db: dbState, dataAsOf: null, lastSync: null };
  const status = readStatus(db, 1);
  const last = status.lastSyncs[0];
  return {
    ok: true,
    db: dbState,
    dataAsOf: status.dataAsOf,
    lastSync: last
      ? { id: last.id, source: last.source, status: last.status, startedAt: last.startedAt }
      : null,
  };
}

export async function readHomeInput(
  db: Db,
  winRate: () => Promise<WinRateReport>,
): Promise<HomeInput> {
  const asOf = readDataAsOf(db);
  if (!asOf)
    return { asOf: null, flags: { RED: 0, YELLOW: 0, GREEN: 0 }, redPast30: [], winRate: null };
  const health = readPipelineHealth(db);
  return { asOf, flags: health.flags, redPast30: health.redDeals, winRate: await winRate() };
}

export interface SlackDepsOptions {
  charts?: ChartRenderer;
  chartTimeoutMs?: number;
}

export function createSlackDeps(
  db: Db,
  queries: AsyncQueries,
  o: SlackDepsOptions = {},
): SlackDeps {
  const cache = new AnswerCache(() => readDataVersion(db));
  const winRate = (q: { by?: Dimension; window: number | 'all' }) =>
    cache.memo(`winrate:${q.by ?? ''}:${q.window}`, () => queries.winRate(q));
  return {
    queries: {
      winRate,
      rsfs: (dealId) => cache.memo(`rsfs:${dealId}`, () => queries.rsfs(dealId)),
      audit: (q) =>
        cache.memo(`audit:${q.month ?? ''}`, () =>
          queries.audit(q.month ? { month: q.month } : {}),
        ),
      home: () => readHomeInput(db, () => winRate({ window: 90 })),
    },
    charts: chartsPerReport(o.charts ?? createChartRenderer()),
    health: () => readHealth(db),
    ...(o.chartTimeoutMs ? { chartTimeoutMs: o.chartTimeoutMs } : {}),
  };
}

export interface CreateAppOptions {
  /** default: the real metric queries */
  engine?: MetricEngine;
  /** an open database (tests); default: open config.dbPath */
  db?: Db;
  charts?: ChartRenderer;
  host?: string;
  logger?: Logger;
  logLevel?: LogLevel;
  botId?: string;
  botUserId?: string;
  retryConfig?: webApi.RetryOptions;
  /** run the scheduled jobs (and their start-up catch-up); default true */
  jobs?: boolean;
  /** the clock of the proactive side (tests) */
  now?: () => Date;
}

export interface DealfitApp {
  db: Db;
  deps: SlackDeps;
  proactive: Proactive;
  /** null when jobs are off */
  scheduler: Scheduler | null;
  /** resolves when the start-up catch-up of missed jobs has finished */
  caughtUp: Promise<unknown>;
  start(): Promise<RunningSlackApp>;
  /** stops Slack (if started) and closes the database */
  stop(): Promise<void>;
}

export function createApp(config: Config, o: CreateAppOptions = {}): DealfitApp {
  const slack = config.slack;
  if (!slack) throw new Error('Slack is not configured (SLACK_BOT_TOKEN is not set)');
  const db = o.db ?? openDatabase(config.dbPath);
  // A database file gets the query thread; an in-memory one (tests) cannot be shared with
  // another thread, and an injected engine runs where it is.
  const threaded = o.engine || db.$client.memory ? undefined : inQueryThread(db.$client.name);
  const queries = threaded ?? inThisThread(db, o.engine ?? metricEngine);
  const charts = o.charts ?? threaded?.charts ?? createChartRenderer();
  const deps = createSlackDeps(db, queries, { charts });
  const log = (line: string) => (o.logger ? o.logger.info(line) : console.log(line));
  // The proactive side posts with its own WebClient on the same token and API URL.
  const client = new webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    ...(o.retryConfig ? { retryConfig: o.retryConfig } : {}),
  });
  const proactive = createProactive(config, {
    db,
    messenger: createSlackMessenger(client),
    groupMembers: slackGroupMembers(client),
    charts,
    // the jobs' computation and deal scoring in the jobs thread; the RED list is one indexed read
    ...(threaded
      ? { compute: { ...threaded.compute, redOpenDeals: () => listRedDealsWithoutProposal(db) } }
      : {}),
    ...(o.now ? { now: o.now } : {}),
    log,
  });
  deps.proactive = proactiveActions(proactive);
  const scheduler = o.jobs === false ? null : createScheduler(config, proactive, log);
  const webhook = dealWebhook(config, proactive, db);
  let running: RunningSlackApp | undefined;
  const app: DealfitApp = {
    db,
    deps,
    proactive,
    scheduler,
    caughtUp: Promise.resolve(),
    async start() {
      running = await startSlackApp({
        slack,
        port: config.port,
        deps,
        ...(webhook
          ? {
              routes: [
                {
                  path: '/hooks/deals',
                  method: 'POST' as const,
                  handler: createHookHttpHandler(webhook, log),
                },
              ],
            }
          : {}),
        ...(o.host ? { host: o.host } : {}),
        ...(o.logger ? { logger: o.logger } : {}),
        ...(o.logLevel ? { logLevel: o.logLevel } : {}),
        ...(o.botId ? { botId: o.botId } : {}),
        ...(o.botUserId ? { botUserId: o.botUserId } : {}),
        ...(o.retryConfig ? { retryConfig: o.retryConfig } : {}),
      });
      // Warm the query thread (module load, JIT) and the cache with the Home tab's figure,
      // so the first person to ask does not pay for it. No data yet is fine.
      await deps.queries.winRate({ window: 90 }).catch(() => undefined);
      if (scheduler) {
        scheduler.start();
        // a missed run is caught up once, in the background: Slack answers meanwhile
        app.caughtUp = scheduler.catchUp().catch((error: Error) => {
          log(`job catch-up failed: ${error.message}`);
        });
      }
      return running;
    },
    async stop() {
      try {
        await scheduler?.stop();
        await running?.stop();
      } finally {
        running = undefined;
        await queries.close();
        if (!o.db) closeDatabase(db);
      }
    },
  };
  return app;
}
