/**
 * Two dealfit processes on one database (issue #14): every job slot runs once across
 * them, a `kill -9` of the lease holder mid-job hands the slot to the other instance, and
 * Slack's redeliveries and double clicks are answered once. Real processes (`src/main.ts`,
 * HTTP mode) against the Slack emulator in this process. Once per store kind: one SQLite
 * file (`npm test`), one PostgreSQL database (`npm run test:postgres`).
 */

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../src/adapters/storage/database.js';
import { JOB_NAMES } from '../src/app/jobs/jobs.js';
import { localDemoOptions } from '../src/local/demo-seed.js';
import { SlackEmulator } from '../src/local/slack-emulator/server.js';
import { blockActionsRequest, sendSigned } from '../src/local/workspace/slack-requests.js';
import { insertDemoDeals } from './helpers/demo-db.js';
import { type InstanceProcess, startInstance } from './helpers/instance-process.js';
import { freshDatabase } from './helpers/postgres-server.js';
import { runDealfit } from './helpers/run-cli.js';
import { postCommand, postEvent } from './helpers/slack-requests.js';
import { storeKinds } from './helpers/stores.js';
import { createTempDbPath } from './helpers/test-db.js';

const SECRET = 'several-instances-secret';
const ALERTS = 'C0ALERTS';
const MGRS = 'C0MGRS';
const OPS = 'C0OPS';
const GENERAL = 'C0GENERAL';
// short, so a takeover comes quickly; long enough that a busy machine never starves a heartbeat
const LEASE_MS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The database the instances share, as the test reads it: its configuration, the CLI's
 * arguments for it, and plain SQL over a connection of the test's own ($1, $2… in order).
 */
interface SharedDb {
  env: Record<string, string>;
  cli: { args: string[]; env: Record<string, string> };
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A fresh database of `kind` holding the local workspace's demo deals. */
async function sharedDb(kind: string): Promise<SharedDb> {
  const today = new Date().toISOString().slice(0, 10);
  const demo = localDemoOptions(today);
  if (kind === 'sqlite') {
    const tmp = createTempDbPath();
    const seed = openDatabase(tmp.path);
    insertDemoDeals(seed, demo);
    closeDatabase(seed);
    const db = openDatabase(tmp.path);
    return {
      env: { DEALFIT_DB: tmp.path },
      cli: { args: ['--db', tmp.path], env: {} },
      all: async <T>(sql: string, params: unknown[] = []) =>
        db.$client.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as T[],
      async close() {
        closeDatabase(db);
        tmp.cleanup();
      },
    };
  }
  // PostgreSQL: the same demo deals, seeded through a SQLite file and copied over
  const database = await freshDatabase();
  const { openPostgres, closePostgres } = await import('../src/adapters/postgres/database.js');
  const seeded = await openPostgres(database.url);
  const tmp = createTempDbPath();
  const seed = openDatabase(tmp.path);
  insertDemoDeals(seed, demo);
  const columns =
    'id, created_date, closed_date, assigned_date, rep_id, industry, region, product, lead_source, stage, amount, cycle_days, outcome, source, deleted_at, sync_run_id, updated_at';
  const rows = seed.$client
    .prepare(`select ${columns} from deals order by rowid`)
    .raw()
    .all() as unknown[][];
  closeDatabase(seed);
  tmp.cleanup();
  const arrays = columns.split(', ').map((_, i) => rows.map((r) => r[i]));
  const types = [
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'float8',
    'int4',
    'text',
    'text',
    'text',
    'int4',
    'text',
  ];
  await seeded.$client.query(
    `insert into deals (${columns}) select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
    arrays,
  );
  await closePostgres(seeded);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return {
    env: { DATABASE_URL: database.url },
    cli: { args: [], env: { DATABASE_URL: database.url } },
    // counts come back as numbers: database.js set node-postgres's bigint parser
    all: async <T>(sql: string, params: unknown[] = []) =>
      (await client.query(sql, params)).rows as T[],
    async close() {
      await client.end();
      await database.drop();
    },
  };
}

interface Pair {
  fake: SlackEmulator;
  a: InstanceProcess;
  b: InstanceProcess;
  /** the shared database, read by the test */
  db: SharedDb;
  close(): Promise<void>;
}

/** A database with the local workspace's demo deals, two instances on it, one Slack. */
async function startPair(kind: string): Promise<Pair> {
  const shared = await sharedDb(kind);
  const fake = await SlackEmulator.start({
    channels: [
      { id: ALERTS, name: 'revenue-alerts' },
      { id: MGRS, name: 'sales-managers' },
      { id: OPS, name: 'revenue-ops' },
      { id: GENERAL, name: 'general' },
    ],
  });
  for (const id of ['U0MGR1', 'U0MGR2', 'U0ALICE']) fake.addUser({ id, name: id.toLowerCase() });
  const env = {
    ...shared.env,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    DEALFIT_ALERTS_CHANNEL: ALERTS,
    DEALFIT_MANAGERS_CHANNEL: MGRS,
    DEALFIT_OPS_CHANNEL: OPS,
    DEALFIT_MANAGER_IDS: 'U0MGR1,U0MGR2',
    DEALFIT_LEASE_MS: String(LEASE_MS),
    DEALFIT_HEARTBEAT_MS: '200',
  };
  const [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  return {
    fake,
    a,
    b,
    db: shared,
    async close() {
      await Promise.all([a.kill(), b.kill()]);
      await shared.close();
      await fake.close();
    },
  };
}

interface RunRow {
  job: string;
  period: string;
  status: string;
  instance: string | null;
  error: string | null;
}
const jobRuns = (db: SharedDb) =>
  db.all<RunRow>('select job, period, status, instance, error from job_runs order by id');
const colead = async (db: SharedDb, id: number) =>
  (
    await db.all<{ state: string; actedBy: string | null }>(
      'select state, acted_by as "actedBy" from colead_assignments where id = $1',
      [id],
    )
  )[0];
const leaseCount = async (db: SharedDb) =>
  (await db.all<{ n: number }>('select count(*) as n from job_leases'))[0];
const postsStarting = (fake: SlackEmulator, channel: string, prefix: string) =>
  fake.messagesIn(channel).filter((m) => m.text.startsWith(prefix));
/** each instance id is host:pid:suffix */
const pidOf = (instance: string | null) => Number(instance?.split(':')[1]);

/**
 * The jobs that do work here: every one but the CRM sync, which has no CRM configured and
 * is skipped (a skip is logged, is not a run, and does not close the slot: see jobs.ts).
 */
const WORKING_JOBS = JOB_NAMES.filter((j) => j !== 'sync');

/** Every job once: one succeeded run per job, one digest, one audit, one co-lead batch. */
async function expectEachSlotOnce(p: Pair): Promise<RunRow[]> {
  const runs = await jobRuns(p.db);
  const succeeded = runs.filter((r) => r.status === 'succeeded');
  expect(succeeded.map((r) => r.job).sort()).toEqual([...WORKING_JOBS].sort());
  // the sync is skipped, at most once by each instance
  const skipped = runs.filter((r) => r.status === 'skipped');
  expect(skipped.every((r) => r.job === 'sync')).toBe(true);
  expect(skipped.length).toBeLessThanOrEqual(2);
  expect(postsStarting(p.fake, ALERTS, 'Weekly digest')).toHaveLength(1);
  expect(postsStarting(p.fake, MGRS, 'Rep audit')).toHaveLength(1);
  const batches = p.fake.topLevelIn(MGRS).filter((m) => /need a co-lead decision/.test(m.text));
  expect(batches).toHaveLength(1);
  // no alert went out twice
  const alertTexts = p.fake.topLevelIn(ALERTS).map((m) => m.text);
  expect(new Set(alertTexts).size).toBe(alertTexts.length);
  return succeeded;
}

describe.each(storeKinds)(
  'two instances on one $name database',
  { timeout: 240_000 },
  ({ name }) => {
    let p: Pair;
    beforeAll(async () => {
      p = await startPair(name);
      await Promise.all([
        p.a.waitFor(/job catch-up done/, 180_000),
        p.b.waitFor(/job catch-up done/, 180_000),
      ]);
    }, 240_000);
    afterAll(async () => {
      await p?.close();
    });

    it('runs every due slot of the six jobs once: job_runs, one digest, one audit', async () => {
      const runs = await jobRuns(p.db);
      // the instance that did not run a slot logged nothing for it (skips aside)
      expect(runs.filter((r) => r.status !== 'skipped')).toHaveLength(WORKING_JOBS.length);
      const succeeded = await expectEachSlotOnce(p);
      for (const run of succeeded) expect([p.a.pid, p.b.pid]).toContain(pidOf(run.instance));
      const instances = await p.db.all('select pid, stopped_at from instances order by pid');
      expect(instances).toEqual(
        [p.a.pid, p.b.pid].sort((x, y) => x - y).map((pid) => ({ pid, stopped_at: null })),
      );
    });

    it('`dealfit status` shows both instances and which one ran each job', async () => {
      const status = await runDealfit(['status', ...p.db.cli.args, '--json'], p.db.cli.env);
      expect(status.code).toBe(0);
      const json = status.json() as {
        instances: Array<{ pid: number }>;
        jobs: Array<{ job: string; instance: string }>;
      };
      expect(json.instances.map((i) => i.pid).sort()).toEqual([p.a.pid, p.b.pid].sort());
      expect([...new Set(json.jobs.map((j) => j.job))].sort()).toEqual([...JOB_NAMES].sort());
      const text = (await runDealfit(['status', ...p.db.cli.args], p.db.cli.env)).stdout;
      expect(text).toMatch(/instances seen in the last 10 minutes:\n {2}\S+:\d+:[0-9a-f]{6} \(v/);
      // newest first: a sync skipped by the other instance may come after the audit
      expect(text).toMatch(
        /recent jobs:\n(?: {2}.*\n)*? {2}audit \S+ succeeded at \S+ by \S+:\d+:[0-9a-f]{6}/,
      );
    });

    it('the same signed event delivered to both instances, and again to one, is answered once', async () => {
      const ts = '1700000000.000100';
      const event = {
        type: 'app_mention',
        user: 'U0ALICE',
        channel: GENERAL,
        text: `<@${p.fake.bot.userId}> win rate by industry`,
        ts,
        event_ts: ts,
      };
      const eventId = 'Ev0SAMEEVENT';
      const first = await Promise.all([
        postEvent(p.a.url, SECRET, event, { eventId }),
        postEvent(p.b.url, SECRET, event, { eventId }),
      ]);
      const retry = await postEvent(p.a.url, SECRET, event, {
        eventId,
        retry: { num: 1, reason: 'http_timeout' },
      });
      expect([...first, retry].map((r) => r.status)).toEqual([200, 200, 200]);
      const answers = () => p.fake.messagesIn(GENERAL).filter((m) => m.threadTs === ts);
      await p.fake.waitFor(() => answers().length > 0, 30_000);
      await sleep(1500); // a second answer would have come by now
      // one answer in the thread, and its chart once
      expect(answers().filter((m) => m.text !== '')).toHaveLength(1);
      expect(answers().filter((m) => m.text === '')).toHaveLength(1);
    });

    it('a slash command retried to the other instance is answered once', async () => {
      const target = p.fake.responseUrl(GENERAL, 'U0ALICE');
      const fields = {
        command: '/winrate',
        text: 'region',
        responseUrl: target,
        triggerId: 'T.retry.1',
      };
      expect((await postCommand(p.a.url, SECRET, fields)).status).toBe(200);
      const retried = await postCommand(p.b.url, SECRET, fields, {
        retry: { num: 1, reason: 'http_timeout' },
      });
      expect(retried.status).toBe(200); // acked, so Slack stops retrying
      const id = target.split('/').pop();
      const answered = () => p.fake.responses.filter((r) => r.id === id);
      await p.fake.waitFor(() => answered().length > 0, 30_000);
      await sleep(1500);
      expect(answered()).toHaveLength(1);
    });

    it('two managers clicking Approve on the same card, one on each instance: one approval', async () => {
      const card = p.fake
        .messagesIn(MGRS)
        .find((m) => JSON.stringify(m.blocks ?? []).includes('colead_approve'));
      if (!card) throw new Error('no co-lead card posted');
      const elements = (
        card.blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>
      ).flatMap((b) => b.elements ?? []);
      const id = Number(elements.find((e) => e.action_id === 'colead_approve')?.value);
      expect((await colead(p.db, id))?.state).toBe('proposed');
      const click = (url: string, user: string) => {
        const now = Math.floor(Date.now() / 1000);
        return sendSigned(
          url,
          SECRET,
          blockActionsRequest({
            user: { id: user, name: user.toLowerCase() },
            channel: { id: MGRS, name: 'sales-managers' },
            message: { ts: card.ts, text: card.text, blocks: card.blocks as unknown[] },
            messageTs: card.ts,
            ...(card.threadTs ? { threadTs: card.threadTs } : {}),
            isEphemeral: false,
            element: {
              type: 'button',
              action_id: 'colead_approve',
              block_id: 'colead_actions',
              value: String(id),
            },
            responseUrl: p.fake.responseUrl(MGRS, user, card.ts),
            nowSeconds: now,
          }),
          now,
        );
      };
      const updatesBefore = p.fake.callsTo('chat.update').length;
      const [a, b] = await Promise.all([click(p.a.url, 'U0MGR1'), click(p.b.url, 'U0MGR2')]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const told = () => [
        ...p.fake.ephemeralsFor(MGRS, 'U0MGR1'),
        ...p.fake.ephemeralsFor(MGRS, 'U0MGR2'),
      ];
      await p.fake.waitFor(() => told().length === 1, 30_000);
      const row = await colead(p.db, id);
      expect(row?.state).toBe('approved');
      const loser = row?.actedBy === 'U0MGR1' ? 'U0MGR2' : 'U0MGR1';
      expect(p.fake.ephemeralsFor(MGRS, loser)[0]?.text).toMatch(
        new RegExp(`^Already approved by <@${row?.actedBy}>`),
      );
      await sleep(1000);
      expect(told()).toHaveLength(1);
      // the card edited once (and the batch summary's counts once)
      const edits = p.fake.callsTo('chat.update').slice(updatesBefore);
      expect(edits.filter((c) => c.params.ts === card.ts)).toHaveLength(1);
    });

    it('SIGTERM: the instance records a clean stop, holds no lease, and the other keeps serving', async () => {
      await p.a.stop();
      const [row] = await p.db.all<{ stopped_at: string | null }>(
        'select stopped_at from instances where pid = $1',
        [p.a.pid],
      );
      expect(row?.stopped_at).not.toBeNull();
      expect(await leaseCount(p.db)).toEqual({ n: 0 });
      const ready = await fetch(`http://127.0.0.1:${p.b.port}/readyz`);
      expect(ready.status).toBe(200);
      const health = (await (await fetch(`http://127.0.0.1:${p.b.port}/healthz`)).json()) as {
        store: { kind: string };
        migrations: { state: string };
      };
      expect(health).toMatchObject({ store: { kind: name }, migrations: { state: 'applied' } });
      const text = (await runDealfit(['status', ...p.db.cli.args], p.db.cli.env)).stdout;
      expect(text).toMatch(new RegExp(`:${p.a.pid}:[0-9a-f]{6} \\(v[^)]*\\): stopped at `));
    });
  },
);

describe.each(storeKinds)(
  'kill -9 of the instance holding a lease mid-job ($name)',
  { timeout: 240_000 },
  ({ name }) => {
    let p: Pair | undefined;
    afterAll(async () => {
      await p?.close();
    });

    it('the other instance runs that slot once the lease expires, and nothing is posted twice', async () => {
      p = await startPair(name);
      const pair = p;
      // the metrics run takes seconds on the demo deals: catch its holder in the middle
      const holding = () =>
        pair.db.all<{ holder: string }>(
          `select l.holder as holder from job_leases l join job_runs r
           on r.job = l.job and r.period = l.period and r.instance = l.holder
         where l.job = 'metrics' and r.status = 'running'`,
        );
      let holder: string | undefined;
      const deadline = Date.now() + 180_000;
      while (!holder && Date.now() < deadline) {
        holder = (await holding())[0]?.holder;
        if (!holder) await sleep(10);
      }
      if (!holder) throw new Error('no instance ever held the metrics lease');
      const [victim, survivor] = pidOf(holder) === pair.a.pid ? [pair.a, pair.b] : [pair.b, pair.a];
      const killedAt = Date.now();
      await victim.kill();
      await survivor.waitFor(/job catch-up done/, 180_000);
      const metrics = (await jobRuns(pair.db)).filter((r) => r.job === 'metrics');
      expect(metrics.map((r) => [r.status, pidOf(r.instance)])).toEqual([
        ['failed', victim.pid],
        ['succeeded', survivor.pid],
      ]);
      expect(metrics[0]?.error).toMatch(/^instance \S+ stopped during the run \(its lease expired/);
      expect(survivor.output()).toMatch(/job metrics \S+: instance \S+ stopped during the run/);
      // not before the lease could have expired
      const [takenOver] = await pair.db.all<{ at: string }>(
        "select started_at as at from job_runs where job = 'metrics' and status = 'succeeded'",
      );
      expect(Date.parse(takenOver!.at)).toBeGreaterThanOrEqual(killedAt + LEASE_MS - 1000);
      await expectEachSlotOnce(pair);
      expect(await leaseCount(pair.db)).toEqual({ n: 0 });
    });
  },
);
