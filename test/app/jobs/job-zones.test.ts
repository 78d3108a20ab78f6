/**
 * Schedules in the reader's time zone (issue #15 item 3): two digest channels in zones 9.5
 * hours apart — the alerts channel in UTC, a second one in Australia/Adelaide (UTC+9:30 in
 * July, its standard time) — each get the Monday digest at 08:00 local, once: through the
 * scheduler's timers, after downtime (the catch-up), across a restart and with two
 * instances on one database (the leases).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../../src/adapters/scheduler.js';
import { closeDatabase, type Db, openDatabase } from '../../../src/adapters/storage/database.js';
import { createJobRunLog } from '../../../src/adapters/storage/job-run-store.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { jobKind, zonedJobs } from '../../../src/app/jobs/job-zones.js';
import { createJobs, JOB_NAMES, jobZones, localTime } from '../../../src/app/jobs/jobs.js';
import type { Proactive } from '../../../src/app/jobs/proactive.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { createProactive } from '../../helpers/proactive-fixture.js';
import { createRecordingMessenger, type RecordedCall } from '../../helpers/recording-messenger.js';
import { createTempDbPath, createTestDb } from '../../helpers/test-db.js';

const ADELAIDE = 'Australia/Adelaide';
const ZONED = {
  timezone: 'UTC',
  channelTimezones: { CADL: ADELAIDE },
  channels: { alerts: 'CALERTS', managers: 'CMGRS', ops: 'COPS', digest: ['CADL'] },
};

function zonedProactive(db: Db, messenger: ReturnType<typeof createRecordingMessenger>) {
  const p = createProactive(db, messenger, () => new Date());
  return createProactive(db, messenger, () => new Date(), {
    settings: { ...p.deps.settings, ...ZONED },
  });
}

/** Only the digest jobs: the others would run their own work on the way through the week. */
function digestScheduler(
  p: Proactive,
  db: Db,
  extra: Partial<ConstructorParameters<typeof Scheduler>[0]> = {},
) {
  return new Scheduler({
    jobs: createJobs(p).filter((j) => jobKind(j.name) === 'digest'),
    timezone: p.timezone,
    log: createSqliteStore(db).jobRuns,
    now: () => new Date(),
    onFailure: (job, error) => void p.jobFailed(job, error),
    ...extra,
  });
}

const digestsIn = (calls: RecordedCall[], channel: string) =>
  calls.filter(
    (c) =>
      c.kind === 'post' && c.channel === channel && /^Weekly digest/.test(c.message?.text ?? ''),
  );

describe('job zones', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    vi.useRealTimers();
  });

  it('keeps one job per kind under its plain name when every channel is in one zone', () => {
    const same = jobZones({ ...ZONED, channelTimezones: {} });
    expect(same.map((z) => z.name)).toEqual([...JOB_NAMES]);
    expect(same.find((z) => z.name === 'digest')?.channels).toEqual(['CALERTS', 'CADL']);
  });

  it('adds a job per further zone; the main channel keeps the plain name and its zone', () => {
    const zones = jobZones({
      ...ZONED,
      channelTimezones: { CADL: ADELAIDE, CMGRS: 'Asia/Kolkata', CALERTS: 'America/New_York' },
    });
    expect(zones.map((z) => [z.name, z.timezone, z.channels, z.main])).toEqual([
      ['sync', 'UTC', [], true],
      ['metrics', 'UTC', [], true],
      ['drivers', 'UTC', [], true],
      ['colead-expiry', 'UTC', [], true],
      ['digest', 'America/New_York', ['CALERTS'], true],
      [`digest@${ADELAIDE}`, ADELAIDE, ['CADL'], false],
      ['audit', 'Asia/Kolkata', ['CMGRS'], true],
    ]);
    // channels of one zone share its job; a channel listed twice posts once
    expect(zonedJobs('digest', ZONED, 'CALERTS', ['CADL', 'CADL', 'CALERTS'])).toEqual([
      { name: 'digest', timezone: 'UTC', channels: ['CALERTS'], users: [], main: true },
      {
        name: `digest@${ADELAIDE}`,
        timezone: ADELAIDE,
        channels: ['CADL'],
        users: [],
        main: false,
      },
    ]);
  });

  it('fires each channel its digest at Monday 08:00 local, once, for that Monday', async () => {
    vi.useFakeTimers({
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
    // Sunday 22:29 UTC = Monday 2024-07-01 07:59 in Adelaide (UTC+9:30)
    vi.setSystemTime(new Date('2024-06-30T22:29:00Z'));
    const db = createTestDb();
    insertDemoDeals(db, { deals: 1500 });
    const messenger = createRecordingMessenger();
    const s = digestScheduler(zonedProactive(db, messenger), db);
    cleanups.push(() => s.stop());
    s.start();
    expect(
      Object.fromEntries(
        Object.entries(s.nextInvocations()).map(([k, v]) => [k, v?.toISOString()]),
      ),
    ).toEqual({
      digest: '2024-07-01T08:00:00.000Z',
      [`digest@${ADELAIDE}`]: '2024-06-30T22:30:00.000Z',
    });

    await vi.advanceTimersByTimeAsync(61_000);
    await vi.waitFor(() => expect(digestsIn(messenger.calls, 'CADL')).toHaveLength(1));
    expect(digestsIn(messenger.calls, 'CALERTS')).toHaveLength(0);
    expect(digestsIn(messenger.calls, 'CADL')[0]?.message?.text).toMatch(
      /^Weekly digest \(week of 2024-07-01\)/,
    );

    // 9.5 hours later it is 08:00 in UTC: the alerts channel's turn
    await vi.advanceTimersByTimeAsync(9.5 * 3600_000);
    await vi.waitFor(() => expect(digestsIn(messenger.calls, 'CALERTS')).toHaveLength(1));
    expect(digestsIn(messenger.calls, 'CALERTS')[0]?.message?.text).toMatch(
      /^Weekly digest \(week of 2024-07-01\)/,
    );
    expect(digestsIn(messenger.calls, 'CADL')).toHaveLength(1);

    const log = createJobRunLog(db);
    expect((await log.recent(5, `digest@${ADELAIDE}`)).map((r) => [r.status, r.period])).toEqual([
      ['succeeded', '2024-06-30T22:30:00.000Z'],
    ]);
    expect((await log.recent(5, 'digest')).map((r) => [r.status, r.period])).toEqual([
      ['succeeded', '2024-07-01T08:00:00.000Z'],
    ]);
  });

  it("fires a person's digest DM at Monday 08:00 in their Slack zone, in the job of a channel of that zone", async () => {
    vi.useFakeTimers({
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
    // Sunday 22:29 UTC = Monday 2024-07-01 07:59 in Adelaide
    vi.setSystemTime(new Date('2024-06-30T22:29:00Z'));
    const db = createTestDb();
    insertDemoDeals(db, { deals: 1500 });
    const messenger = createRecordingMessenger();
    const base = zonedProactive(db, messenger);
    const p = createProactive(db, messenger, () => new Date(), {
      settings: { ...base.deps.settings, digestUsers: ['UADL', 'UNOTZ'] },
    });
    // what users.info said at start-up: UADL in Adelaide, UNOTZ nothing (DEALFIT_TIMEZONE)
    const jobs = createJobs(p, { UADL: ADELAIDE, UNOTZ: null }).filter(
      (j) => jobKind(j.name) === 'digest',
    );
    expect(jobs.map((j) => [j.name, j.destinations])).toEqual([
      ['digest', ['CALERTS', '@UNOTZ (UTC: no Slack zone, DEALFIT_TIMEZONE)']],
      [`digest@${ADELAIDE}`, ['CADL', `@UADL (${ADELAIDE})`]],
    ]);
    const s = new Scheduler({
      jobs,
      timezone: 'UTC',
      log: createSqliteStore(db).jobRuns,
      now: () => new Date(),
    });
    cleanups.push(() => s.stop());
    s.start();
    const dmsTo = (user: string) =>
      messenger.calls.filter(
        (c) => c.kind === 'dm' && c.user === user && /^Weekly digest/.test(c.message?.text ?? ''),
      );
    await vi.advanceTimersByTimeAsync(61_000);
    await vi.waitFor(() => expect(dmsTo('UADL')).toHaveLength(1));
    // one run for the channel and the person of that zone
    expect(digestsIn(messenger.calls, 'CADL')).toHaveLength(1);
    expect(await createJobRunLog(db).recent(5, `digest@${ADELAIDE}`)).toHaveLength(1);
    expect(dmsTo('UNOTZ')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(9.5 * 3600_000);
    await vi.waitFor(() => expect(dmsTo('UNOTZ')).toHaveLength(1));
    expect(dmsTo('UADL')).toHaveLength(1);
    expect(dmsTo('UADL')[0]?.message?.text).toMatch(/^Weekly digest \(week of 2024-07-01\)/);
  });

  it('catches both up once after downtime, and not again after a restart', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // Monday 10:00 UTC: both 08:00 slots (UTC and Adelaide) passed while dealfit was down
    vi.setSystemTime(new Date('2024-07-01T10:00:00Z'));
    const db = createTestDb();
    insertDemoDeals(db, { deals: 1500 });
    const messenger = createRecordingMessenger();
    const first = digestScheduler(zonedProactive(db, messenger), db);
    const results = await first.catchUp();
    expect(results.map((r) => [r.job, r.status, r.period])).toEqual([
      ['digest', 'succeeded', '2024-07-01T08:00:00.000Z'],
      [`digest@${ADELAIDE}`, 'succeeded', '2024-06-30T22:30:00.000Z'],
    ]);
    await first.stop();

    vi.setSystemTime(new Date('2024-07-01T10:05:00Z'));
    const second = digestScheduler(zonedProactive(db, messenger), db);
    cleanups.push(() => second.stop());
    const again = await second.catchUp();
    expect(again.map((r) => [r.job, r.status])).toEqual([
      ['digest', 'skipped'],
      [`digest@${ADELAIDE}`, 'skipped'],
    ]);
    for (const channel of ['CALERTS', 'CADL']) {
      const posts = digestsIn(messenger.calls, channel);
      expect(posts, channel).toHaveLength(1);
      expect(posts[0]?.message?.text).toMatch(/^Weekly digest \(week of 2024-07-01\)/);
    }
  });

  it('dates the Adelaide digest by the Monday in Adelaide, even while it is Sunday in UTC', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-30T23:00:00Z')); // Monday 08:30 in Adelaide
    const db = createTestDb();
    insertDemoDeals(db, { deals: 1500 });
    const messenger = createRecordingMessenger();
    const s = digestScheduler(zonedProactive(db, messenger), db);
    cleanups.push(() => s.stop());
    const results = await s.catchUp();
    // UTC's latest Monday 08:00 is the week before
    expect(results.map((r) => [r.job, r.period])).toEqual([
      ['digest', '2024-06-24T08:00:00.000Z'],
      [`digest@${ADELAIDE}`, '2024-06-30T22:30:00.000Z'],
    ]);
    expect(digestsIn(messenger.calls, 'CADL')[0]?.message?.text).toMatch(/week of 2024-07-01/);
    expect(digestsIn(messenger.calls, 'CALERTS')[0]?.message?.text).toMatch(/week of 2024-06-24/);
  });

  it('runs each zone once with two instances on one database (the leases)', async () => {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const seed = openDatabase(tmp.path);
    insertDemoDeals(seed, { deals: 1500 });
    closeDatabase(seed);
    const now = new Date('2024-07-01T10:00:00Z');
    const messenger = createRecordingMessenger();
    const instance = (id: string) => {
      const db = openDatabase(tmp.path);
      const p = createProactive(db, messenger, () => now, {
        settings: { ...zonedProactive(db, messenger).deps.settings },
      });
      const store = createSqliteStore(db);
      const s = digestScheduler(p, db, {
        now: () => now,
        leases: { store: store.leases, instanceId: id, ttlMs: 2000, sweepMs: 100 },
      });
      cleanups.push(() => closeDatabase(db));
      cleanups.push(() => s.stop());
      return s;
    };
    const [a, b] = [instance('a'), instance('b')];
    const [ra, rb] = await Promise.all([a.catchUp(), b.catchUp()]);
    const ran = [...ra, ...rb].filter((r) => r.status === 'succeeded').map((r) => r.job);
    expect(ran.sort()).toEqual(['digest', `digest@${ADELAIDE}`]);
    expect(digestsIn(messenger.calls, 'CALERTS')).toHaveLength(1);
    expect(digestsIn(messenger.calls, 'CADL')).toHaveLength(1);
  });

  it('skips the plain digest, not fails it, when no alerts channel is set and the digest channels are all elsewhere', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-07-01T10:00:00Z'));
    const db = createTestDb();
    insertDemoDeals(db, { deals: 1500 });
    const messenger = createRecordingMessenger();
    const base = zonedProactive(db, messenger);
    const p = createProactive(db, messenger, () => new Date(), {
      settings: { ...base.deps.settings, channels: { ...ZONED.channels, alerts: undefined } },
    });
    const s = digestScheduler(p, db);
    cleanups.push(() => s.stop());
    const results = await s.catchUp();
    expect(results.map((r) => [r.job, r.status])).toEqual([
      ['digest', 'skipped'],
      [`digest@${ADELAIDE}`, 'succeeded'],
    ]);
    expect(digestsIn(messenger.calls, 'CADL')).toHaveLength(1);
    expect(messenger.calls.filter((c) => c.channel === 'COPS')).toEqual([]);
  });

  it('shows an instant as the wall-clock time of a zone', () => {
    const at = new Date('2024-06-30T22:30:00Z');
    expect(localTime(at, ADELAIDE)).toBe('2024-07-01 08:00 Australia/Adelaide');
    expect(localTime(at, 'UTC')).toBe('2024-06-30 22:30 UTC');
  });
});
