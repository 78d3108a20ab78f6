/**
 * The scheduler with leases: several schedulers (instances) on one SQLite file, each with
 * its own connection as separate processes would have, run each job slot once; a lease a
 * crashed holder left to expire is taken over. The two-process version of this is
 * test/several-instances.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { latestSlot, type ScheduledJob, Scheduler } from '../../src/adapters/scheduler.js';
import { closeDatabase, type Db, openDatabase } from '../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import { createTempDbPath } from '../helpers/test-db.js';

const NOW = new Date('2024-07-20T12:00:00Z');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function job(name: string, cron: string, runs: string[], ms = 0): ScheduledJob {
  return {
    name,
    cron,
    description: name,
    catchUp: true,
    async run(ctx) {
      runs.push(`${name} ${ctx.period}`);
      await sleep(ms);
      return 'ok';
    },
  };
}

describe('Scheduler with leases on one database', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function instance(path: string, id: string, jobs: ScheduledJob[], ttlMs = 600) {
    const db = openDatabase(path);
    const store = createSqliteStore(db);
    const scheduler = new Scheduler({
      jobs,
      timezone: 'UTC',
      log: store.jobRuns,
      now: () => NOW,
      leases: { store: store.leases, instanceId: id, ttlMs, sweepMs: 50 },
    });
    cleanups.push(async () => {
      await scheduler.stop();
      closeDatabase(db);
    });
    return { db, store, scheduler };
  }

  function tempPath(): string {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    return tmp.path;
  }

  const runsOf = (db: Db) =>
    db.$client.prepare('select job, status, instance from job_runs order by id').all() as Array<{
      job: string;
      status: string;
      instance: string | null;
    }>;

  it('runs each due slot once across two instances catching up at the same time, in order', async () => {
    const path = tempPath();
    const runs: string[] = [];
    const jobs = () => [
      job('sync', '0 */6 * * *', runs, 40),
      job('metrics', '0 6 * * *', runs, 40),
      job('digest', '0 8 * * 1', runs, 10),
    ];
    const a = instance(path, 'A', jobs());
    const b = instance(path, 'B', jobs());
    const [ra, rb] = await Promise.all([a.scheduler.catchUp(), b.scheduler.catchUp()]);
    expect(runs.sort()).toEqual([
      'digest 2024-07-15T08:00:00.000Z',
      'metrics 2024-07-20T06:00:00.000Z',
      'sync 2024-07-20T12:00:00.000Z',
    ]);
    // every job succeeded in exactly one of them; the other waited for it, then skipped it
    for (const name of ['sync', 'metrics', 'digest']) {
      const statuses = [ra, rb].map((r) => r.find((x) => x.job === name)?.status).sort();
      expect(statuses, name).toEqual(['skipped', 'succeeded']);
    }
    const logged = runsOf(a.db);
    expect(logged.map((r) => r.job)).toEqual(['sync', 'metrics', 'digest']);
    expect(logged.every((r) => r.status === 'succeeded' && ['A', 'B'].includes(r.instance!))).toBe(
      true,
    );
    // every lease released
    expect(await a.store.leases.current(new Date())).toEqual([]);
    // a later cron fire of the same slot in either instance runs nothing
    expect(await b.scheduler.runNow('metrics')).toMatchObject({ status: 'skipped' });
  });

  it("runs a zone's job in its own zone and names its held lease whole (digest@Area/City)", async () => {
    const path = tempPath();
    const runs: string[] = [];
    const zoned = {
      ...job('digest@Australia/Adelaide', '0 8 * * 1', runs, 300),
      timezone: 'Australia/Adelaide',
    };
    const a = instance(path, 'A', [zoned]);
    const first = a.scheduler.runNow('digest@Australia/Adelaide');
    await sleep(100);
    // NOW is Saturday 2024-07-20; the latest Monday 08:00 in Adelaide (UTC+9:30) is the 15th
    expect(a.scheduler.heldLeases()).toEqual([
      { job: 'digest@Australia/Adelaide', period: '2024-07-14T22:30:00.000Z' },
    ]);
    expect(await first).toMatchObject({ status: 'succeeded' });
    expect(runs).toEqual(['digest@Australia/Adelaide 2024-07-14T22:30:00.000Z']);
  });

  it('skips a slot another live instance holds, naming it, and renews its own lease while running', async () => {
    const path = tempPath();
    const runs: string[] = [];
    const a = instance(path, 'A', [job('metrics', '0 6 * * *', runs, 900)], 300);
    const b = instance(path, 'B', [job('metrics', '0 6 * * *', runs)], 300);
    const first = a.scheduler.runNow('metrics');
    await sleep(100);
    expect(a.scheduler.heldLeases()).toEqual([
      { job: 'metrics', period: '2024-07-20T06:00:00.000Z' },
    ]);
    // 900 ms of work on a 300 ms lease: only the heartbeat keeps it A's
    await sleep(500);
    expect(await b.scheduler.runNow('metrics')).toEqual({
      status: 'skipped',
      period: '2024-07-20T06:00:00.000Z',
      reason: 'running in instance A',
      heldBy: 'A',
    });
    expect(await first).toMatchObject({ status: 'succeeded' });
    expect(a.scheduler.heldLeases()).toEqual([]);
    expect(runs).toHaveLength(1);
  });

  it('takes over the slot of a holder that stopped renewing: its run marked abandoned, the slot run once', async () => {
    const path = tempPath();
    const runs: string[] = [];
    const b = instance(path, 'B', [job('metrics', '0 6 * * *', runs)]);
    const period = latestSlot('0 6 * * *', 'UTC', NOW).toISOString();
    // what a crashed instance C leaves: a running run and a lease nobody renews
    const c = createSqliteStore(b.db);
    await c.jobRuns.start('metrics', period, NOW, 'C');
    expect(await c.leases.acquire('metrics', period, 'C', new Date(), 200)).toEqual({
      acquired: true,
      tookOver: null,
    });
    b.scheduler.start();
    await sleep(100);
    expect(runs).toEqual([]); // not expired yet
    for (let i = 0; i < 100 && runs.length === 0; i++) await sleep(20);
    await sleep(100);
    expect(runs).toEqual([`metrics ${period}`]);
    const logged = runsOf(b.db);
    expect(logged).toEqual([
      { job: 'metrics', status: 'failed', instance: 'C' },
      { job: 'metrics', status: 'succeeded', instance: 'B' },
    ]);
    expect(
      (
        b.db.$client.prepare('select error from job_runs where instance = ?').get('C') as {
          error: string;
        }
      ).error,
    ).toMatch(/^instance C stopped during the run/);
    // the sweep keeps going and finds nothing more to do
    await sleep(200);
    expect(runs).toHaveLength(1);
  });

  it('a catch-up that meets its own takeover in flight waits for it: done means done', async () => {
    const path = tempPath();
    const runs: string[] = [];
    const b = instance(path, 'B', [job('metrics', '0 6 * * *', runs, 400)]);
    const period = latestSlot('0 6 * * *', 'UTC', NOW).toISOString();
    const c = createSqliteStore(b.db);
    await c.jobRuns.start('metrics', period, NOW, 'C');
    await c.leases.acquire('metrics', period, 'C', new Date(Date.now() - 1000), 10);
    b.scheduler.start(); // the sweep takes the expired lease over within 50 ms
    for (let i = 0; i < 50 && runs.length === 0; i++) await sleep(10);
    expect(runs).toHaveLength(1);
    const results = await b.scheduler.catchUp();
    expect(results).toEqual([
      { job: 'metrics', status: 'skipped', period, reason: 'already done for this period' },
    ]);
    expect(runsOf(b.db).map((r) => r.status)).toEqual(['failed', 'succeeded']);
  });
});
