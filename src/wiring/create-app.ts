/**
 * The composition root: the only place adapters are constructed and wired to each other.
 * It opens the store, runs the registry's queries on it (in the query thread, behind a
 * data-versioned cache), builds the chart renderer and hands everything to the Slack app.
 */
import { type Logger, type LogLevel, webApi } from '@slack/bolt';
import { createChartRenderer } from '../adapters/charts/render.js';
import { metricsHandler } from '../adapters/metrics/metrics-route.js';
import {
  createPrometheusMetrics,
  type PrometheusMetrics,
} from '../adapters/metrics/prometheus-metrics.js';
import type { Scheduler } from '../adapters/scheduler.js';
import type { HomeInput, HomeOnboarding } from '../adapters/slack/blocks/app-home.js';
import { ChartLane } from '../adapters/slack/chart-lane.js';
import type { HealthReport, SlackConversation, SlackDeps } from '../adapters/slack/deps.js';
import { createSlackMessenger, slackGroupMembers } from '../adapters/slack/messenger.js';
import { RequestsInFlight } from '../adapters/slack/requests-in-flight.js';
import { createSlackProbe } from '../adapters/slack/setup-probe.js';
import { type RunningSlackApp, startSlackApp } from '../adapters/slack/slack-app.js';
import { createSlackUserZones, USER_ZONE_TTL_MS } from '../adapters/slack/user-zones.js';
import { countingWebApiFetch } from '../adapters/slack/web-api-telemetry.js';
import type { Db } from '../adapters/storage/database.js';
import { createHookHttpHandler } from '../adapters/webhook/http-handler.js';
import { coleadLines } from '../app/conversation/colead-lines.js';
import { askInThread, createConversation } from '../app/conversation/conversation.js';
import type { RepPerson } from '../app/conversation/lexicon.js';
import type { DoctorReport } from '../app/doctor/checks.js';
import { type Presence, startPresence } from '../app/instances/presence.js';
import { createJobs } from '../app/jobs/jobs.js';
import type { Proactive } from '../app/jobs/proactive.js';
import {
  resolveUserTimezones,
  sameTimezones,
  type UserTimezones,
} from '../app/jobs/user-timezones.js';
import type { DatabaseReads } from '../app/ports/database-reads.js';
import type { ChartRenderer } from '../app/ports/messenger.js';
import type { QueryRunner } from '../app/ports/query-runner.js';
import type { Store } from '../app/ports/store.js';
import { AnswerCache, cachedQueries } from '../app/queries/answer-cache.js';
import { storedFitEvidence } from '../app/queries/fit-evidence-query.js';
import { queriesInThisThread } from '../app/queries/queries-in-this-thread.js';
import type { Config } from '../config.js';
import type { WinRateResult } from '../domain/win-rate.js';
import { chartsOnce } from './charts-once.js';
import {
  createProactive,
  createScheduler,
  dealWebhook,
  proactiveActions,
} from './create-proactive.js';
import { type HttpThread, inHttpThread } from './http-thread.js';
import { thisInstance } from './instance-identity.js';
import { readOnboarding } from './onboarding.js';
import { type OpenStore, openSqliteStore, type StoreKind, sqliteStoreOn } from './open-store.js';
import { ANSWER_NICE, inQueryThread } from './query-thread.js';
import { repPeople } from './rep-people.js';
import { checkAtStartUp } from './start-up-checks.js';

/** The Web API's base URL when SLACK_API_URL does not set another (the WebClient's default). */
const SLACK_API_URL = 'https://slack.com/api/';
/** how long a stopping app waits for the answers in flight (requests-in-flight.ts) */
const STOP_ANSWER_WAIT_MS = 10_000;

/** GET /healthz and /readyz: the store, its migrations, this instance's leases, the data. */
export async function readHealth(
  database: DatabaseReads,
  kind: StoreKind,
  instance?: { id: string; leases: () => Array<{ job: string; period: string }> },
): Promise<HealthReport> {
  const dbState = await database.ping();
  const store = { kind };
  const self = instance
    ? (() => {
        const leases = instance.leases();
        return { instance: { id: instance.id, holdsLease: leases.length > 0, leases } };
      })()
    : {};
  if (!dbState.ok) {
    return { ok: false, db: dbState, dataAsOf: null, lastSync: null, store, ...self };
  }
  const { state, known, applied } = await database.migrations();
  const { dataAsOf, last } = await database.lastSync();
  return {
    ok: true,
    db: dbState,
    store,
    migrations: { state, known, applied },
    ...self,
    dataAsOf,
    lastSync: last,
  };
}

/** App Home: the flags, the old RED deals, the win rate, hygiene and the fit evidence. */
export async function readHomeInput(
  store: Pick<Store, 'deals' | 'metrics' | 'database'>,
  winRate: () => Promise<WinRateResult>,
  onboarding?: () => Promise<HomeOnboarding>,
): Promise<HomeInput> {
  const asOf = await store.deals.dataAsOf();
  if (!asOf) {
    return {
      asOf: null,
      flags: { RED: 0, YELLOW: 0, GREEN: 0 },
      redPast30: [],
      winRate: null,
      ...(onboarding ? { onboarding: await onboarding() } : {}),
    };
  }
  const health = await store.database.pipelineHealth();
  return {
    asOf,
    flags: health.flags,
    redPast30: health.redDeals,
    winRate: await winRate(),
    hygiene: health.hygiene,
    fitEvidence: await storedFitEvidence(store),
  };
}

export interface SlackDepsOptions {
  charts?: ChartRenderer;
  chartTimeoutMs?: number;
  /** the people behind rep ids, for questions that name them */
  people?: () => readonly RepPerson[];
  now?: () => Date;
  /** what App Home shows a new install (no deals yet): the CRM, the channels */
  onboarding?: () => Promise<HomeOnboarding>;
}

/** Questions in plain words over the (cached) queries, with threads kept in the store. */
export function slackConversation(
  store: Pick<Store, 'conversations' | 'coleads'>,
  queries: QueryRunner,
  people: () => readonly RepPerson[] = () => [],
  now: () => Date = () => new Date(),
): SlackConversation {
  const conversation = createConversation({
    queries,
    people,
    coleads: async () => coleadLines(store.coleads),
  });
  return {
    ask: (key, text, botUserId) =>
      askInThread(
        conversation,
        store.conversations,
        key,
        { text, ...(botUserId ? { botUserId } : {}) },
        now(),
      ),
    knows: async (key) => (await store.conversations.lastReading(key, now())) !== null,
    firstDelivery: async (eventId) => store.conversations.firstDelivery(eventId, now()),
    delivered: async (eventId) => store.conversations.delivered(eventId, now()),
  };
}

/** What the Slack app serves, over an open store of either kind. */
export function createSlackDeps(
  opened: Pick<OpenStore, 'store' | 'kind'>,
  runner: QueryRunner,
  o: SlackDepsOptions = {},
): SlackDeps {
  const { store, kind } = opened;
  const queries = cachedQueries(runner, new AnswerCache(() => ''), () => store.deals.dataVersion());
  return {
    queries,
    conversation: slackConversation(store, queries, o.people, o.now),
    home: () => readHomeInput(store, () => queries.run('winRate', { window: 90 }), o.onboarding),
    charts: chartsOnce(o.charts ?? createChartRenderer()),
    health: () => readHealth(store.database, kind),
    ...(o.chartTimeoutMs ? { chartTimeoutMs: o.chartTimeoutMs } : {}),
    chartLane: new ChartLane(),
    inFlight: new RequestsInFlight(),
  };
}

export interface CreateAppOptions {
  /** default: the registry's queries, in the query thread (or here, on an in-memory db) */
  queries?: QueryRunner;
  /** an open database (tests); default: open config.dbPath */
  db?: Db;
  /**
   * a store opened by openStore (main.ts does with DATABASE_URL set): the app serves it,
   * PostgreSQL or SQLite, and closes it on stop
   */
  opened?: OpenStore;
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
  /** waits between tries of an email after a temporary SMTP failure (tests) */
  emailRetryDelaysMs?: readonly number[];
  /** prom-client's default process metrics on GET /metrics; default true */
  processMetrics?: boolean;
  /** run `dealfit doctor`'s checks in start() (the running app); default false */
  checks?: boolean;
}

export interface DealfitApp {
  /** the store the app serves, of either kind */
  store: Store;
  deps: SlackDeps;
  proactive: Proactive;
  /** null when jobs are off */
  scheduler: Scheduler | null;
  /** resolves when the start-up catch-up of missed jobs has finished */
  caughtUp: Promise<unknown>;
  /** what GET /metrics serves */
  metrics: PrometheusMetrics;
  /** the start-up checks' report (with `checks`), once start() ran them */
  setup: DoctorReport | null;
  /**
   * asks Slack the digest people's zones (users.info, cached a day) and moves each to the
   * digest job of their zone; start() does it, then once a day
   */
  resolveUserZones(): Promise<UserTimezones>;
  start(): Promise<RunningSlackApp>;
  /** stops Slack (if started) and closes the database */
  stop(): Promise<void>;
}

export function createApp(config: Config, o: CreateAppOptions = {}): DealfitApp {
  const slack = config.slack;
  if (!slack) throw new Error('Slack is not configured (SLACK_BOT_TOKEN is not set)');
  // a store comes opened (openStore, in main.ts), or a test hands in its SQLite database;
  // else the SQLite file at config.dbPath, opened here
  const opened =
    o.opened ?? (o.db ? sqliteStoreOn(o.db, { owned: false }) : openSqliteStore(config.dbPath));
  const store = opened.store;
  // A database file or server gets the query threads (on PostgreSQL each opens a small pool
  // of its own); an in-memory one (tests) cannot be shared with another thread, and
  // injected queries run where they are.
  const threaded =
    o.queries || !opened.threadTarget ? undefined : inQueryThread(opened.threadTarget);
  // The outgoing Slack HTTP (answers, uploads, posts) in its own thread when the queries
  // have theirs: under a burst of commands it is most of the work left on the main loop.
  const http = threaded ? inHttpThread(ANSWER_NICE) : undefined;
  const queries = o.queries ?? threaded?.queries ?? queriesInThisThread(store);
  const charts = o.charts ?? threaded?.charts ?? createChartRenderer();
  const log = (line: string) => (o.logger ? o.logger.info(line) : console.log(line));
  const opsStore = store.ops;
  const metrics = createPrometheusMetrics({
    counts: () => opsStore.counts(),
    now: o.now ?? (() => new Date()),
    ...(o.processMetrics === undefined ? {} : { processMetrics: o.processMetrics }),
  });
  // Every WebClient (Bolt's and the proactive side's) and respond() share this fetch: it
  // counts the Web API's calls, 429s and retries per method, then makes the request (in
  // the HTTP thread when there is one).
  const slackFetch = countingWebApiFetch(
    metrics.telemetry,
    slack.apiUrl ?? SLACK_API_URL,
    http?.fetch ?? ((input, init) => fetch(input, init)),
  );
  // The proactive side posts with its own WebClient on the same token and API URL.
  const client = new webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    ...(o.retryConfig ? { retryConfig: o.retryConfig } : {}),
    fetch: slackFetch,
  });
  const people = repPeople(config.proactive.repUsers, client, log);
  const userZones = createSlackUserZones(client, { ...(o.now ? { now: o.now } : {}), log });
  const depsOptions: SlackDepsOptions = {
    charts,
    people: people.people,
    onboarding: () => readOnboarding(config, createSlackProbe(client)),
    ...(o.now ? { now: o.now } : {}),
  };
  const deps = createSlackDeps(opened, queries, depsOptions);
  const proactive = createProactive(config, {
    store,
    messenger: createSlackMessenger(client),
    groupMembers: slackGroupMembers(client),
    charts,
    // the jobs' computation and deal scoring in the jobs thread; the RED list is one indexed read
    ...(threaded
      ? {
          compute: {
            ...threaded.compute,
            redOpenDeals: () => store.coleads.redDealsWithoutProposal(),
          },
        }
      : {}),
    ...(o.now ? { now: o.now } : {}),
    ...(o.emailRetryDelaysMs ? { emailRetryDelaysMs: o.emailRetryDelaysMs } : {}),
    log,
  });
  deps.proactive = proactiveActions(proactive);
  deps.telemetry = metrics.telemetry;
  // this process among the instances on the database: the jobs' lease holder
  const instance = thisInstance(new Date());
  const scheduler =
    o.jobs === false
      ? null
      : createScheduler(config, proactive, log, instance.id, metrics.telemetry);
  let stopping = false;
  const self = { id: instance.id, leases: () => scheduler?.heldLeases() ?? [] };
  deps.health = async () => ({
    ...(await readHealth(store.database, opened.kind, self)),
    ...(stopping ? { stopping } : {}),
  });
  let presence: Presence | undefined;
  let zoneTimer: NodeJS.Timeout | undefined;
  let resolved: UserTimezones = {};
  const webhook = dealWebhook(config, proactive);
  let running: RunningSlackApp | undefined;
  let doorThread: HttpThread | undefined;
  const app: DealfitApp = {
    store,
    deps,
    proactive,
    scheduler,
    caughtUp: Promise.resolve(),
    metrics,
    setup: null,
    async resolveUserZones() {
      const users = config.digestUsers;
      if (users.length === 0) return resolved;
      const next = await resolveUserTimezones(userZones, users);
      for (const user of users) {
        if (next[user] === null)
          log(`digest to @${user}: Slack gives no zone; using ${config.timezone}`);
      }
      if (scheduler && !sameTimezones(resolved, next)) {
        scheduler.replaceJobs(createJobs(proactive, next));
      }
      resolved = next;
      return resolved;
    },
    async start() {
      // before Slack is connected: an invalid token stops here, with the fix (SetupError)
      if (o.checks) {
        app.setup = await checkAtStartUp(config, {
          probe: store.database.probe(),
          proactive,
          log,
          fetch: slackFetch,
        });
      }
      // HTTP mode with the HTTP thread: the public port is its front door, which acks
      // Slack at once and hands each request on to the Bolt app on a loopback port
      // (its own thread: the HTTP thread's outgoing answers and uploads must not delay acks)
      doorThread = http && !slack.appToken && slack.signingSecret ? inHttpThread() : undefined;
      const door = doorThread;
      running = await startSlackApp({
        slack,
        port: door ? 0 : config.port,
        deps,
        routes: [
          {
            path: '/metrics',
            method: 'GET' as const,
            handler: metricsHandler(metrics, config.metricsToken?.reveal()),
          },
          ...(webhook
            ? [
                {
                  path: '/hooks/deals',
                  method: 'POST' as const,
                  handler: createHookHttpHandler(webhook, log),
                },
              ]
            : []),
        ],
        ...(door ? { host: '127.0.0.1' } : o.host ? { host: o.host } : {}),
        ...(o.logger ? { logger: o.logger } : {}),
        ...(o.logLevel ? { logLevel: o.logLevel } : {}),
        ...(o.botId ? { botId: o.botId } : {}),
        ...(o.botUserId ? { botUserId: o.botUserId } : {}),
        ...(o.retryConfig ? { retryConfig: o.retryConfig } : {}),
        fetch: slackFetch,
      });
      if (door && slack.signingSecret) {
        const bolt = running;
        const port = await door.openFrontDoor({
          port: config.port,
          ...(o.host ? { host: o.host } : {}),
          backendPort: bolt.port,
          signingSecret: slack.signingSecret,
        });
        running = {
          ...bolt,
          port,
          backendPort: bolt.port,
          stop: async () => {
            await door.closeFrontDoor();
            await bolt.stop();
          },
        };
      }
      // heartbeats use the wall clock: other instances read them against theirs
      presence = await startPresence(proactive.deps.store.instances, instance, {
        heartbeatMs: config.instances.heartbeatMs,
        now: () => new Date(),
        log,
      });
      // Warm the query thread (module load, JIT) and the cache with the Home tab's figure,
      // so the first person to ask does not pay for it. No data yet is fine.
      await deps.queries.run('winRate', { window: 90 }).catch(() => undefined);
      void people.refresh();
      if (scheduler) {
        // the digest people's zones decide their jobs: asked before the first slot is
        // scheduled; a users.info failure falls back to DEALFIT_TIMEZONE (logged)
        await app.resolveUserZones();
        // then daily, a minute past the cache's day, so the answer is Slack's new one
        zoneTimer = setInterval(() => {
          app.resolveUserZones().catch((error: Error) => log(`user zones: ${error.message}`));
        }, USER_ZONE_TTL_MS + 60_000);
        zoneTimer.unref();
        scheduler.start();
        // a missed run is caught up once, in the background: Slack answers meanwhile
        app.caughtUp = scheduler.catchUp().then(
          // one line when it ends: until then a job may be using a core (bench:slack waits)
          (runs) => log(`job catch-up done: ${runs.length} jobs`),
          (error: Error) => log(`job catch-up failed: ${error.message}`),
        );
      }
      return running;
    },
    async stop() {
      // /readyz fails from here on, while the job in flight finishes (a rolling restart)
      stopping = true;
      try {
        people.stop();
        clearInterval(zoneTimer);
        await scheduler?.stop();
        await running?.stop();
        // the answers acked and not yet sent (and their charts) go out before the threads close
        const unfinished = deps.inFlight?.size ?? 0;
        if (deps.inFlight && !(await deps.inFlight.drained(STOP_ANSWER_WAIT_MS))) {
          log(
            `stop: ${deps.inFlight.size} of ${unfinished} answers unfinished after ${STOP_ANSWER_WAIT_MS / 1000} s were dropped`,
          );
        }
        // a store that is gone must not keep the rest from stopping
        await presence
          ?.stop()
          .catch((error: Error) => log(`instance stop not recorded: ${error.message}`));
      } finally {
        running = undefined;
        await Promise.all([threaded?.close(), http?.close(), doorThread?.close()]);
        await opened.close();
      }
    },
  };
  return app;
}
