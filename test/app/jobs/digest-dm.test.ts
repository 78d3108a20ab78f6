/**
 * The digest by DM in each person's Slack zone (issue #15 item 3, DEALFIT_DIGEST_USERS),
 * through the real Bolt app and the Slack emulator as the Web API: users.info `tz` puts a
 * person in the digest job of their zone at start-up (a channel of that zone shares the
 * slot), the DM goes out at Monday 08:00 local once across a restart, the zones are asked
 * once a day (not per run), a person who moved zone moves slot, and a person Slack gives no
 * zone follows DEALFIT_TIMEZONE.
 *
 * New York (EDT, UTC−4 in July) and Bangalore (IST, UTC+5:30) are 9.5 hours apart in
 * July: Monday 08:00 is 12:00 UTC in one and 02:30 UTC in the other (in January, EST, it
 * is 10.5 hours).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { latestSlot } from '../../../src/adapters/scheduler.js';
import { openDatabase } from '../../../src/adapters/storage/database.js';
import { createJobRunLog } from '../../../src/adapters/storage/job-run-store.js';
import { jobKind } from '../../../src/app/jobs/job-zones.js';
import { JOB_SCHEDULE, localTime } from '../../../src/app/jobs/jobs.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { type Harness, startHarness } from '../../helpers/slack-harness.js';
import { createTempDbPath } from '../../helpers/test-db.js';

const NYC = 'America/New_York';
const BLR = 'Asia/Kolkata';
const ALERTS = 'C0ALERTS';
/** a channel in New York: it shares the New York slot with the person there */
const NYC_CHANNEL = 'C0NYC';
/** Monday 2024-07-01 13:00 UTC: 08:00 has passed in UTC, Bangalore and New York */
const NOW = new Date('2024-07-01T13:00:00Z');

const PEOPLE = [
  { id: 'U0NYC', name: 'cro', tz: NYC },
  { id: 'U0BLR', name: 'manager', tz: BLR },
  // Slack leaves tz empty for some accounts (and some bots): the digest falls back
  { id: 'U0NOTZ', name: 'no-zone', tz: '' },
];

const ENV = {
  DEALFIT_ALERTS_CHANNEL: ALERTS,
  DEALFIT_DIGEST_CHANNELS: NYC_CHANNEL,
  DEALFIT_CHANNEL_TIMEZONES: `${NYC_CHANNEL}=${NYC}`,
  DEALFIT_DIGEST_USERS: 'U0NYC,U0BLR,U0NOTZ',
};

describe('the digest by DM in each person’s Slack zone', { timeout: 120_000 }, () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** A database file with deals, the jobs other than the digest already done for `now`. */
  async function dbFile(now: Date): Promise<string> {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    const db = openDatabase(tmp.path);
    insertDemoDeals(db, { deals: 1500 });
    // the start-up catch-up then runs the digests alone (the metrics run is tested elsewhere)
    const log = createJobRunLog(db);
    for (const [name, { cron }] of Object.entries(JOB_SCHEDULE)) {
      if (name === 'digest') continue;
      const period = latestSlot(cron, 'UTC', now).toISOString();
      await log.finish(
        await log.start(name, period, now),
        'succeeded',
        now,
        undefined,
        'done before',
      );
    }
    db.$client.close();
    return tmp.path;
  }

  async function instance(
    path: string,
    clock: () => Date,
    o: { env?: Record<string, string>; people?: typeof PEOPLE } = {},
  ): Promise<Harness> {
    const h = await startHarness({
      db: openDatabase(path),
      now: clock,
      jobs: true,
      channels: [
        { id: ALERTS, name: 'revenue-alerts' },
        { id: NYC_CHANNEL, name: 'revenue-nyc' },
      ],
      users: o.people ?? PEOPLE,
      env: { ...ENV, ...o.env },
    });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await h.close();
    };
    cleanups.push(close);
    await h.app.caughtUp;
    return { ...h, close };
  }

  const digestsTo = (h: Harness, user: string) =>
    h.fake.topLevelIn(h.fake.dmWith(user)).filter((m) => m.text.startsWith('Weekly digest'));
  const digestsIn = (h: Harness, channel: string) =>
    h.fake.topLevelIn(channel).filter((m) => m.text.startsWith('Weekly digest'));

  it('DMs two people 9.5 hours apart at Monday 08:00 their time, once across a restart; a channel of the same zone shares the slot; no Slack zone falls back', async () => {
    const path = await dbFile(NOW);
    const first = await instance(path, () => NOW);
    const jobs = first.app.scheduler!.jobs.filter((j) => jobKind(j.name) === 'digest');
    expect(jobs.map((j) => [j.name, j.timezone, j.destinations])).toEqual([
      ['digest', 'UTC', [ALERTS, '@U0NOTZ (UTC: no Slack zone, DEALFIT_TIMEZONE)']],
      [`digest@${NYC}`, NYC, [NYC_CHANNEL, `@U0NYC (${NYC})`]],
      [`digest@${BLR}`, BLR, [`@U0BLR (${BLR})`]],
    ]);
    expect(first.logs.map((l) => l.text)).toContain(
      'digest to @U0NOTZ: Slack gives no zone; using UTC',
    );

    // each slot ran once, at 08:00 in its zone, for the Monday there
    const log = first.app.store.jobRuns;
    const period = async (job: string) =>
      (await log.recent(5, job)).map((r) => [
        r.status,
        r.period,
        r.detail?.match(/week of \S+/)?.[0],
      ]);
    expect(await period(`digest@${BLR}`)).toEqual([
      ['succeeded', '2024-07-01T02:30:00.000Z', 'week of 2024-07-01'],
    ]);
    expect(await period(`digest@${NYC}`)).toEqual([
      ['succeeded', '2024-07-01T12:00:00.000Z', 'week of 2024-07-01'],
    ]);
    expect(await period('digest')).toEqual([
      ['succeeded', '2024-07-01T08:00:00.000Z', 'week of 2024-07-01'],
    ]);
    const apart = Date.parse('2024-07-01T12:00:00.000Z') - Date.parse('2024-07-01T02:30:00.000Z');
    expect(apart / 3600_000).toBe(9.5);
    expect(localTime(new Date('2024-07-01T02:30:00Z'), BLR)).toBe('2024-07-01 08:00 Asia/Kolkata');
    expect(localTime(new Date('2024-07-01T12:00:00Z'), NYC)).toBe(
      '2024-07-01 08:00 America/New_York',
    );

    for (const user of ['U0NYC', 'U0BLR', 'U0NOTZ']) {
      const dms = digestsTo(first, user);
      expect(dms, user).toHaveLength(1);
      expect(dms[0]?.text).toMatch(/^Weekly digest \(week of 2024-07-01\)/);
      // the trend chart in the DM's thread, as in a channel
      expect(first.fake.repliesTo(dms[0]!.channel, dms[0]!.ts).some((m) => m.files?.length)).toBe(
        true,
      );
    }
    expect(digestsIn(first, NYC_CHANNEL)).toHaveLength(1);
    expect(digestsIn(first, ALERTS)).toHaveLength(1);

    // the next runs: Monday 08:00 in each person's zone, whatever the date is now
    const next = first.app.scheduler!.nextInvocations();
    for (const [job, zone] of [
      [`digest@${BLR}`, BLR],
      [`digest@${NYC}`, NYC],
    ] as const) {
      const at = next[job]!;
      expect(localTime(at, zone)).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d 08:00 ${zone}$`));
      expect(new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: zone }).format(at)).toBe(
        'Monday',
      );
    }
    await first.close();

    // a restart the same Monday posts no DM again
    const second = await instance(path, () => new Date(NOW.getTime() + 5 * 60_000));
    for (const user of ['U0NYC', 'U0BLR', 'U0NOTZ']) expect(digestsTo(second, user)).toEqual([]);
    expect(digestsIn(second, NYC_CHANNEL)).toEqual([]);
    expect(await log.recent(5, `digest@${BLR}`)).toHaveLength(1);
  });

  it('asks Slack the zones once a day, not per run; a person who moved zone moves slot at the next day', async () => {
    const path = await dbFile(NOW);
    let now = NOW;
    const people = [{ id: 'U0BLR', name: 'manager', tz: BLR }];
    const h = await instance(path, () => now, {
      env: { DEALFIT_DIGEST_USERS: 'U0BLR' },
      people,
    });
    const infoCalls = () => h.fake.callsTo('users.info').length;
    expect(infoCalls()).toBe(1);
    expect(digestsTo(h, 'U0BLR')).toHaveLength(1);

    // runs do not ask: "Run now" twice posts twice, from the zone resolved at start-up
    const scheduler = h.app.scheduler!;
    expect(await scheduler.runNow(`digest@${BLR}`, { force: true })).toMatchObject({
      status: 'succeeded',
      detail: expect.stringMatching(/posted \(/),
    });
    await scheduler.runNow(`digest@${BLR}`, { force: true });
    expect(digestsTo(h, 'U0BLR')).toHaveLength(3);
    expect(infoCalls()).toBe(1);

    // the person moves to New York; within the day the cached zone still holds
    h.fake.users.get('U0BLR')!.tz = NYC;
    now = new Date(NOW.getTime() + 3600_000);
    await h.app.resolveUserZones();
    expect(infoCalls()).toBe(1);
    expect(scheduler.jobs.map((j) => j.name)).toContain(`digest@${BLR}`);

    // a day later Slack is asked again: the person is in the New York job, Bangalore's is gone
    now = new Date(NOW.getTime() + 24 * 3600_000 + 60_000);
    expect(await h.app.resolveUserZones()).toEqual({ U0BLR: NYC });
    expect(infoCalls()).toBe(2);
    const digests = scheduler.jobs.filter((j) => jobKind(j.name) === 'digest');
    expect(digests.map((j) => [j.name, j.destinations])).toEqual([
      ['digest', [ALERTS]],
      [`digest@${NYC}`, [NYC_CHANNEL, `@U0BLR (${NYC})`]],
    ]);
    const next = scheduler.nextInvocations()[`digest@${NYC}`]!;
    expect(localTime(next, NYC)).toMatch(/ 08:00 America\/New_York$/);
    expect(scheduler.nextInvocations()[`digest@${BLR}`]).toBeUndefined();
  });

  it('starts when users.info fails for a person (the fallback zone, logged); their DM failing costs nobody else theirs', async () => {
    const path = await dbFile(NOW);
    const h = await instance(path, () => NOW, {
      env: { DEALFIT_DIGEST_USERS: 'U0GONE,U0BLR' },
      people: [{ id: 'U0BLR', name: 'manager', tz: BLR }],
    });
    const lines = h.logs.map((l) => l.text);
    expect(lines.some((l) => /users\.info U0GONE: .*user_not_found.*default zone/.test(l))).toBe(
      true,
    );
    expect(lines).toContain('digest to @U0GONE: Slack gives no zone; using UTC');
    // U0GONE sits in the UTC job with the alerts channel: the channel still got its digest
    const run = (await h.app.store.jobRuns.recent(1, 'digest'))[0]!;
    expect(run.status).toBe('succeeded');
    expect(run.detail).toMatch(/DM to @U0GONE failed \(.*user_not_found.*\)/);
    expect(digestsIn(h, ALERTS)).toHaveLength(1);
    expect(digestsTo(h, 'U0BLR')).toHaveLength(1);
  });
});
