import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../../src/adapters/scheduler.js';
import { readAlertLedger } from '../../../src/adapters/storage/alert-store.js';
import { createJobRunLog } from '../../../src/adapters/storage/job-run-store.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { computeInThisThread } from '../../../src/app/jobs/job-compute.js';
import { createJobs, JOB_NAMES, localDate, NO_DEALS_YET } from '../../../src/app/jobs/jobs.js';
import type { Proactive } from '../../../src/app/jobs/proactive.js';
import { insertDemoDeals } from '../../helpers/demo-db.js';
import { createProactive } from '../../helpers/proactive-fixture.js';
import { createRecordingMessenger } from '../../helpers/recording-messenger.js';
import { createTestDb } from '../../helpers/test-db.js';

function schedulerFor(p: Proactive, db: ReturnType<typeof createTestDb>) {
  return new Scheduler({
    jobs: createJobs(p),
    timezone: 'America/New_York',
    log: createJobRunLog(db),
    now: () => new Date(),
    onFailure: (job, error) => void p.jobFailed(job, error),
  });
}

describe('jobs', () => {
  const schedulers: Scheduler[] = [];
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
  });
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
    vi.useRealTimers();
  });

  it('follows the design cadence in the configured timezone', () => {
    vi.setSystemTime(new Date('2024-01-13T12:00:00Z')); // Saturday
    const db = createTestDb();
    const p = createProactive(db, createRecordingMessenger(), () => new Date());
    const s = schedulerFor(p, db);
    schedulers.push(s);
    s.start();
    const next = Object.fromEntries(
      Object.entries(s.nextInvocations()).map(([k, v]) => [k, v?.toISOString()]),
    );
    // New York is UTC−5 in January
    expect(next).toEqual({
      sync: '2024-01-13T17:00:00.000Z', // 12:00 local, every 6 hours
      metrics: '2024-01-14T11:00:00.000Z', // 06:00 local
      drivers: '2024-01-14T10:00:00.000Z', // Sunday 05:00 local
      'colead-expiry': '2024-01-14T11:30:00.000Z',
      digest: '2024-01-15T13:00:00.000Z', // Monday 08:00 local
      audit: '2024-02-01T14:00:00.000Z', // the 1st, 09:00 local
    });
    expect(Object.keys(next)).toEqual([...JOB_NAMES]);
  });

  it('fires the digest at Monday 08:00 local time for that week', async () => {
    vi.setSystemTime(new Date('2024-07-01T11:59:00Z')); // Monday 07:59 in New York (EDT)
    const db = createTestDb();
    insertDemoDeals(db, { deals: 1500 });
    const messenger = createRecordingMessenger();
    const p = createProactive(db, messenger, () => new Date());
    const s = schedulerFor(p, db);
    schedulers.push(s);
    s.start();
    await vi.advanceTimersByTimeAsync(61_000);
    await vi.waitFor(() => expect(messenger.calls.some((c) => c.kind === 'post')).toBe(true));
    const digest = messenger.calls.find((c) => c.kind === 'post');
    expect(digest?.channel).toBe('CALERTS');
    expect(digest?.message?.text).toMatch(/^Weekly digest \(week of 2024-07-01\)/);
    const runs = await createJobRunLog(db).recent(5, 'digest');
    expect(runs[0]).toMatchObject({ status: 'succeeded', period: '2024-07-01T12:00:00.000Z' });
  });

  it('never posts the same digest twice across a restart, and catches up a missed one once', async () => {
    vi.setSystemTime(new Date('2024-07-01T15:00:00Z')); // Monday 11:00 local: 08:00 was missed
    const db = createTestDb();
    insertDemoDeals(db, { deals: 1500 });
    const messenger = createRecordingMessenger();
    const digests = () =>
      messenger.calls.filter(
        (c) => c.kind === 'post' && /^Weekly digest/.test(c.message?.text ?? ''),
      );
    const first = schedulerFor(
      createProactive(db, messenger, () => new Date()),
      db,
    );
    const results = await first.catchUp();
    expect(results.find((r) => r.job === 'digest')?.status).toBe('succeeded');
    expect(digests()).toHaveLength(1);
    await first.stop();
    // restart
    vi.setSystemTime(new Date('2024-07-01T15:05:00Z'));
    const second = schedulerFor(
      createProactive(db, messenger, () => new Date()),
      db,
    );
    schedulers.push(second);
    const again = await second.catchUp();
    expect(again.find((r) => r.job === 'digest')).toMatchObject({
      status: 'skipped',
      reason: 'already done for this period',
    });
    expect(digests()).toHaveLength(1);
  });

  it('raises an ops alert when a job fails and clears it when the job next succeeds', async () => {
    vi.setSystemTime(new Date('2024-07-01T10:05:00Z'));
    const db = createTestDb();
    insertDemoDeals(db, { deals: 1500 });
    const messenger = createRecordingMessenger();
    const real = computeInThisThread(createSqliteStore(db));
    let broken = true;
    const p = createProactive(db, messenger, () => new Date(), {
      compute: {
        ...real,
        metricsRun: async (now) => {
          if (broken) throw new Error('database is locked');
          return real.metricsRun(now);
        },
      },
    });
    const s = schedulerFor(p, db);
    schedulers.push(s);
    const failed = await s.runNow('metrics');
    expect(failed).toMatchObject({ status: 'failed', error: 'database is locked' });
    await vi.waitFor(() => expect(messenger.calls.some((c) => c.channel === 'COPS')).toBe(true));
    const ops = messenger.calls.find((c) => c.channel === 'COPS');
    expect(ops?.message?.text).toBe('HIGH ops alert: Job metrics failed');
    expect(readAlertLedger(db, '2024-W27').activeKeys.has('job-failed:metrics')).toBe(true);
    broken = false;
    vi.setSystemTime(new Date('2024-07-02T10:05:00Z'));
    expect((await s.runNow('metrics')).status).toBe('succeeded');
    expect(readAlertLedger(db, '2024-W27').activeKeys.has('job-failed:metrics')).toBe(false);
    // its message is edited to resolved, and one reply in its thread says so
    const onOps = messenger.calls.filter((c) => c.channel === 'COPS');
    expect(onOps.map((c) => [c.kind, c.kind === 'post' ? c.threadTs : c.ts])).toEqual([
      ['post', undefined],
      ['update', ops?.ts],
      ['post', ops?.ts],
    ]);
    expect(onOps[2]?.message?.text).toBe(
      ':white_check_mark: Resolved on 2024-07-02: the job succeeded.',
    );
  });

  it('skips every job on an empty store: logged as skipped, nothing posted, no ops alert', async () => {
    vi.setSystemTime(new Date('2024-07-01T15:00:00Z'));
    const db = createTestDb();
    const messenger = createRecordingMessenger();
    const s = schedulerFor(
      createProactive(db, messenger, () => new Date()),
      db,
    );
    schedulers.push(s);
    const results = await s.catchUp();
    expect(results.map((r) => [r.job, r.status])).toEqual(JOB_NAMES.map((j) => [j, 'skipped']));
    expect(results.find((r) => r.job === 'metrics')).toMatchObject({ reason: NO_DEALS_YET });
    expect(results.find((r) => r.job === 'sync')).toMatchObject({
      reason: expect.stringMatching(/no CRM configured/),
    });
    const logged = await createJobRunLog(db).recent(20);
    expect(logged.map((r) => r.status)).toEqual(JOB_NAMES.map(() => 'skipped'));
    expect(logged.find((r) => r.job === 'audit')?.detail).toBe(NO_DEALS_YET);
    // give a (wrong) failure handler its chance to post
    await vi.advanceTimersByTimeAsync(50);
    expect(messenger.calls).toEqual([]);
    expect(readAlertLedger(db, '2024-W27').activeKeys.size).toBe(0);
    // a skipped slot is not done: once deals arrive, the next start runs it
    insertDemoDeals(db, { deals: 1500 });
    expect((await s.catchUp()).find((r) => r.job === 'metrics')?.status).toBe('succeeded');
  });

  it('dates a slot in the schedule timezone', () => {
    expect(localDate(new Date('2024-07-01T03:00:00Z'), 'America/New_York')).toBe('2024-06-30');
    expect(localDate(new Date('2024-07-01T03:00:00Z'), 'UTC')).toBe('2024-07-01');
  });
});
