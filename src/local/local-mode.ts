/**
 * Local-workspace mode, the composition root for `npm start` without Slack tokens: the
 * store under ./data seeded on first run, the embedded Slack emulator with the three
 * channels and people to act as, the unchanged Bolt app (HTTP receiver on an internal
 * loopback port, a signing secret made up at start) whose WebClient talks to the emulator,
 * the scheduler with the real jobs, and the page at 127.0.0.1:PORT.
 *
 * Nothing here runs when Slack tokens are configured: main.ts only calls it without them.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { metricsHandler } from '../adapters/metrics/metrics-route.js';
import type { Scheduler } from '../adapters/scheduler.js';
import { COMMANDS } from '../adapters/slack/ids.js';
import type { RunningSlackApp } from '../adapters/slack/slack-app.js';
import { localTime } from '../app/jobs/jobs.js';
import type { JobRunLog } from '../app/ports/job-run-log.js';
import type { Config } from '../config.js';
import { createApp, type DealfitApp } from '../wiring/create-app.js';
import { openStore } from '../wiring/open-store.js';
import { seedLocalDemo } from './demo-seed.js';
import { SlackEmulator } from './slack-emulator/server.js';
import type { EmulatedUser, EmulatorSnapshot } from './slack-emulator/state.js';
import { type RunningLocalWorkspace, startLocalWorkspace } from './workspace/server.js';
import type { Person, WorkspaceJobs } from './workspace/workspace-types.js';

/** Channel ids of the local workspace (valid Slack ids, so config validation accepts them). */
export const LOCAL_CHANNELS = {
  alerts: { id: 'C0REVALERTS', name: 'revenue-alerts' },
  managers: { id: 'C0SALESMGRS', name: 'sales-managers' },
  ops: { id: 'C0REVOPS', name: 'revenue-ops' },
} as const;

export const LOCAL_CRO = { id: 'U0CRO', name: 'Chris Ortega' } as const;
const DEFAULT_MANAGER = 'U0MANAGER';
/** The local people's Slack time zones (users.info `tz`): a CRO in New York, managers in Bangalore. */
const LOCAL_ZONES: Partial<Record<Person['role'], string>> = {
  cro: 'America/New_York',
  manager: 'Asia/Kolkata',
};
const MANAGER_NAMES = ['Maria Lopez', 'Sam Okafor', 'Priya Nair'];

export interface LocalPeople {
  people: Person[];
  managerIds: string[];
  repUsers: Record<string, string>;
}

/**
 * The CRO, the managers (DEALFIT_MANAGER_IDS when set, else one made-up manager) and one
 * Slack user per rep in the store, mapped rep id -> user id as DEALFIT_REP_USERS would.
 */
export function localPeople(
  repIds: readonly string[],
  configuredManagers: readonly string[],
): LocalPeople {
  const managerIds = configuredManagers.length > 0 ? [...configuredManagers] : [DEFAULT_MANAGER];
  const repUsers: Record<string, string> = {};
  const people: Person[] = [
    { id: LOCAL_CRO.id, name: LOCAL_CRO.name, role: 'cro' },
    ...managerIds.map((id, i) => ({
      id,
      name: MANAGER_NAMES[i] ?? `Manager ${i + 1}`,
      role: 'manager' as const,
    })),
  ];
  for (const repId of repIds) {
    const id = `U0${repId.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
    repUsers[repId] = id;
    people.push({ id, name: repId, role: 'rep', note: repId });
  }
  return { people, managerIds, repUsers };
}

/** The reps in the order the "act as" picker lists them: rep_2 before rep_10. */
function inPickerOrder(repIds: readonly string[]): string[] {
  return [...repIds].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The scheduler as the Jobs panel shows it: schedule, next run, last run, "Run now". */
export function workspaceJobs(scheduler: Scheduler | null, log: JobRunLog): WorkspaceJobs {
  return {
    async list() {
      if (!scheduler) return [];
      const next = scheduler.nextInvocations();
      const lasts = await Promise.all(scheduler.jobs.map((job) => log.recent(1, job.name)));
      return scheduler.jobs.map((job, i) => {
        const last = lasts[i]![0];
        const at = next[job.name];
        const timezone = scheduler.zoneOf(job);
        return {
          name: job.name,
          description: job.description,
          cron: job.cron,
          timezone,
          ...(job.destinations ? { destinations: job.destinations } : {}),
          nextRun: at?.toISOString() ?? null,
          nextRunLocal: at ? localTime(at, timezone) : null,
          lastRun: last
            ? {
                status: last.status,
                startedAt: last.startedAt,
                finishedAt: last.finishedAt,
                detail: last.detail,
                error: last.error,
              }
            : null,
        };
      });
    },
    async runNow(name) {
      if (!scheduler) return { status: 'skipped', text: 'the scheduler is off' };
      // an explicit request runs even if this period already ran (see Scheduler.runNow)
      const result = await scheduler.runNow(name, { force: true });
      switch (result.status) {
        case 'succeeded':
          return { status: result.status, text: result.detail ?? 'done' };
        case 'failed':
          return { status: result.status, text: result.error };
        case 'skipped':
          return { status: result.status, text: result.reason };
      }
    },
  };
}

/**
 * Keeps the emulator's conversations in a JSON file beside the database, so a restart
 * shows the channels as they were (posts are once per period: a restart would otherwise
 * open on empty channels). Written shortly after each change, atomically.
 */
function persistConversations(slack: SlackEmulator, file: string, log: (l: string) => void) {
  if (existsSync(file)) {
    try {
      slack.restore(JSON.parse(readFileSync(file, 'utf8')) as EmulatorSnapshot);
    } catch (error) {
      log(`dealfit: ignoring ${file}: ${(error as Error).message}`);
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const write = () => {
    timer = undefined;
    writeFileSync(`${file}.tmp`, JSON.stringify(slack.snapshot()));
    renameSync(`${file}.tmp`, file);
  };
  const unsubscribe = slack.subscribe(() => {
    timer ??= setTimeout(write, 500);
  });
  return () => {
    unsubscribe();
    if (timer) {
      clearTimeout(timer);
      write();
    }
  };
}

/** "ready: #revenue-alerts 3 messages, …" for the start-up log. */
function describeChannels(slack: SlackEmulator): string {
  const parts = Object.values(LOCAL_CHANNELS).map(
    (c) => `#${c.name} ${slack.messagesIn(c.id).length} messages`,
  );
  return `ready: ${parts.join(', ')}`;
}

export interface LocalModeOptions {
  now: () => Date;
  log: (line: string) => void;
}

export interface RunningLocalMode {
  url: string;
  slack: SlackEmulator;
  app: DealfitApp;
  bolt: RunningSlackApp;
  page: RunningLocalWorkspace;
  /** resolves when the first metrics run, alert sweep, co-lead batch and digest are done */
  ready: Promise<string>;
  stop(): Promise<void>;
}

export async function startLocalMode(
  config: Config,
  o: LocalModeOptions,
): Promise<RunningLocalMode> {
  if (config.slack) throw new Error('local-workspace mode runs only without Slack tokens');
  if (config.dbPath !== ':memory:') mkdirSync(dirname(config.dbPath), { recursive: true });
  // the embedded SQLite file, or the PostgreSQL store with DATABASE_URL set
  const opened = await openStore(config);
  const cleanups: Array<() => unknown> = [() => opened.close()];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        o.log(`dealfit: stopping: ${(error as Error).message}`);
      }
    }
  };
  try {
    const seeded = await seedLocalDemo(opened.store, { dbPath: config.dbPath, now: o.now });
    if (seeded) {
      o.log(
        `dealfit: first run: imported ${seeded.import.inserted} generated demo deals (seed ${seeded.options.seed}, data as of ${seeded.options.end}) into ${opened.where}`,
      );
    }
    const { people, managerIds, repUsers } = localPeople(
      inPickerOrder(await opened.store.deals.liveRepIds()),
      config.proactive.managerIds,
    );
    const users: EmulatedUser[] = people.map((p) => ({
      id: p.id,
      name: p.name,
      title: p.role,
      // the readers, so users.info answers a zone other than UTC (reps: UTC)
      ...(LOCAL_ZONES[p.role] ? { tz: LOCAL_ZONES[p.role] } : {}),
    }));
    const botToken = `xoxb-local-${randomBytes(12).toString('hex')}`;
    const signingSecret = randomBytes(32).toString('hex');
    const slack = await SlackEmulator.start({
      token: botToken,
      channels: Object.values(LOCAL_CHANNELS),
      users,
    });
    cleanups.push(() => slack.close());
    if (config.dbPath !== ':memory:') {
      const file = join(dirname(config.dbPath), 'local-slack.json');
      cleanups.push(persistConversations(slack, file, o.log));
    }

    const localConfig: Config = {
      ...config,
      slack: { botToken, signingSecret, appToken: undefined, apiUrl: slack.apiUrl },
      // the Bolt receiver is internal: an ephemeral loopback port only the page talks to
      port: 0,
      channels: {
        alerts: LOCAL_CHANNELS.alerts.id,
        managers: LOCAL_CHANNELS.managers.id,
        ops: LOCAL_CHANNELS.ops.id,
        digest: [],
      },
      salesforce: undefined,
      proactive: { ...config.proactive, managerIds, repUsers },
    };
    // the app serves the store opened here; closing it stays with the cleanups above
    const app = createApp(localConfig, {
      opened: { ...opened, close: async () => undefined },
      host: '127.0.0.1',
      botId: slack.bot.botId,
      botUserId: slack.bot.userId,
    });
    const bolt = await app.start();
    cleanups.push(() => app.stop());

    const jobs = workspaceJobs(app.scheduler, opened.store.jobRuns);
    const page = await startLocalWorkspace({
      slack,
      boltUrl: `http://127.0.0.1:${bolt.port}/slack/events`,
      signingSecret,
      jobs,
      people,
      commands: Object.values(COMMANDS),
      defaultChannel: LOCAL_CHANNELS.alerts.id,
      port: config.port,
      host: '127.0.0.1',
      now: o.now,
      metrics: metricsHandler(app.metrics, config.metricsToken?.reveal()),
    });
    cleanups.push(() => page.close());
    return {
      url: page.url,
      slack,
      app,
      bolt,
      page,
      // the start-up catch-up runs the jobs once: metrics, alerts, co-leads, digest, audit
      ready: app.caughtUp.then(() => describeChannels(slack)),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
