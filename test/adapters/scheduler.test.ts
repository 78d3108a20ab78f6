import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestSlot, type ScheduledJob, Scheduler } from '../../src/adapters/scheduler.js';
import { createJobRunLog } from '../../src/adapters/storage/job-run-store.js';
import { createTestDb } from '../helpers/test-db.js';

function countingJob(
  name: string,
  cron: string,
  runs: string[],
  work?: () => Promise<void>,
): ScheduledJob {
  return {
    name,
    cron,
    description: name,
    catchUp: true,
    async run(ctx) {
      runs.push(ctx.period);
      await work?.();
      return 'ok';
    },
  };
}

describe('latestSlot', () => {
  it('finds the latest slot at or before a time, in the configured timezone', () => {
    // Monday 08:00 in New York is 13:00 UTC in January (EST)
    expect(
      latestSlot('0 8 * * 1', 'America/New_York', new Date('2024-01-17T00:00:00Z')).toISOString(),
    ).toBe('2024-01-15T13:00:00.000Z');
    expect(
      latestSlot('0 8 * * 1', 'America/New_York', new Date('2024-01-15T13:00:00Z')).toISOString(),
    ).toBe('2024-01-15T13:00:00.000Z');
  });
});

describe('Scheduler', () => {
  let scheduler: Scheduler | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
    vi.useRealTimers();
  });

  it('fires each job at its cron time in the configured timezone', async () => {
    vi.setSystemTime(new Date('2024-01-14T12:00:00Z')); // Sunday
    const runs: string[] = [];
    const log = createJobRunLog(createTestDb());
    scheduler = new Scheduler({
      jobs: [countingJob('digest', '0 8 * * 1', runs), countingJob('audit', '0 9 1 * *', runs)],
      timezone: 'America/New_York',
      log,
      now: () => new Date(),
    });
    scheduler.start();
    expect(scheduler.nextInvocations().digest?.toISOString()).toBe('2024-01-15T13:00:00.000Z');
    expect(scheduler.nextInvocations().audit?.toISOString()).toBe('2024-02-01T14:00:00.000Z');
    await vi.advanceTimersByTimeAsync(Date.parse('2024-01-15T12:59:59Z') - Date.now());
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toEqual(['2024-01-15T13:00:00.000Z']);
    expect((await log.recent(5, 'digest'))[0]).toMatchObject({
      status: 'succeeded',
      period: '2024-01-15T13:00:00.000Z',
    });
  });

  it('catches up a slot missed during downtime once, and never twice after a restart', async () => {
    vi.setSystemTime(new Date('2024-01-16T10:00:00Z')); // Tuesday: Monday's digest was missed
    const runs: string[] = [];
    const log = createJobRunLog(createTestDb());
    const make = () =>
      new Scheduler({
        jobs: [countingJob('digest', '0 8 * * 1', runs)],
        timezone: 'UTC',
        log,
        now: () => new Date(),
      });
    scheduler = make();
    const first = await scheduler.catchUp();
    expect(first[0]).toMatchObject({ status: 'succeeded', period: '2024-01-15T08:00:00.000Z' });
    await scheduler.stop();
    scheduler = make(); // restart
    const second = await scheduler.catchUp();
    expect(second[0]).toMatchObject({ status: 'skipped', reason: 'already done for this period' });
    expect(runs).toEqual(['2024-01-15T08:00:00.000Z']);
  });

  it('never overlaps a job with itself', async () => {
    vi.useRealTimers();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const runs: string[] = [];
    scheduler = new Scheduler({
      jobs: [countingJob('metrics', '0 6 * * *', runs, () => gate)],
      timezone: 'UTC',
      log: createJobRunLog(createTestDb()),
      now: () => new Date(),
    });
    const first = scheduler.runNow('metrics');
    const second = await scheduler.runNow('metrics');
    expect(second).toMatchObject({ status: 'skipped', reason: 'the previous run is still going' });
    release();
    expect(await first).toMatchObject({ status: 'succeeded' });
    expect(runs).toHaveLength(1);
  });

  it('logs a failure, reports it, and lets the same period run again later', async () => {
    vi.useRealTimers();
    const failures: string[] = [];
    let attempt = 0;
    const log = createJobRunLog(createTestDb());
    scheduler = new Scheduler({
      jobs: [
        {
          name: 'sync',
          cron: '0 */6 * * *',
          description: 'sync',
          catchUp: true,
          async run() {
            attempt++;
            if (attempt === 1) throw new Error('CRM unreachable');
            return 'synced';
          },
        },
      ],
      timezone: 'UTC',
      log,
      now: () => new Date(),
      onFailure: (job, error) => failures.push(`${job}: ${error.message}`),
    });
    expect(await scheduler.runNow('sync')).toMatchObject({
      status: 'failed',
      error: 'CRM unreachable',
    });
    expect(failures).toEqual(['sync: CRM unreachable']);
    expect(await scheduler.runNow('sync')).toMatchObject({ status: 'succeeded', detail: 'synced' });
    expect((await log.recent(5, 'sync')).map((r) => r.status)).toEqual(['succeeded', 'failed']);
  });

  it('runs a period again only when forced (the Jobs panel), never on its own', async () => {
    vi.useRealTimers();
    const runs: string[] = [];
    scheduler = new Scheduler({
      jobs: [countingJob('digest', '0 8 * * 1', runs)],
      timezone: 'UTC',
      log: createJobRunLog(createTestDb()),
      now: () => new Date(),
    });
    expect(await scheduler.runNow('digest')).toMatchObject({ status: 'succeeded' });
    expect(await scheduler.runNow('digest')).toMatchObject({
      status: 'skipped',
      reason: 'already done for this period',
    });
    expect(await scheduler.runNow('digest', { force: true })).toMatchObject({
      status: 'succeeded',
    });
    expect(runs).toHaveLength(2);
  });

  it('starts no further catch-up job once stop() is asked (a quick Ctrl-C at start-up)', async () => {
    vi.useRealTimers();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const runs: string[] = [];
    scheduler = new Scheduler({
      jobs: [
        countingJob('metrics', '0 6 * * *', runs, () => gate),
        countingJob('digest', '0 8 * * 1', runs),
      ],
      timezone: 'UTC',
      log: createJobRunLog(createTestDb()),
      now: () => new Date(),
    });
    const catchUp = scheduler.catchUp();
    await new Promise((r) => setTimeout(r, 10));
    const stopped = scheduler.stop();
    release();
    await stopped;
    const results = await catchUp;
    expect(results.map((r) => r.job)).toEqual(['metrics']);
    expect(runs).toHaveLength(1);
  });

  it('refuses an invalid timezone or cron instead of silently never firing', () => {
    const log = createJobRunLog(createTestDb());
    expect(
      () => new Scheduler({ jobs: [], timezone: 'Mars/Base', log, now: () => new Date() }),
    ).toThrow(/not a valid IANA timezone/);
    expect(
      () =>
        new Scheduler({
          jobs: [countingJob('x', '61 * * * *', [])],
          timezone: 'UTC',
          log,
          now: () => new Date(),
        }),
    ).toThrow(/bad cron/);
  });
});
