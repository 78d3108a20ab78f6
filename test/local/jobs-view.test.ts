/**
 * The local workspace's Jobs view with a person's digest (DEALFIT_DIGEST_USERS): the
 * scheduler's per-zone jobs as the panel lists them, each person with their zone and the
 * job's next run in it, and the fallback said for a person Slack gives no zone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/adapters/scheduler.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import { createJobs } from '../../src/app/jobs/jobs.js';
import { workspaceJobs } from '../../src/local/local-mode.js';
import { createProactive } from '../helpers/proactive-fixture.js';
import { createRecordingMessenger } from '../helpers/recording-messenger.js';
import { createTestDb } from '../helpers/test-db.js';

describe('the Jobs view with digest people', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("lists each person under their zone's digest job with its next run in that zone", async () => {
    const db = createTestDb();
    const base = createProactive(db, createRecordingMessenger(), () => new Date());
    const p = createProactive(db, createRecordingMessenger(), () => new Date(), {
      settings: { ...base.deps.settings, timezone: 'UTC', digestUsers: ['U0CRO', 'U0NOTZ'] },
    });
    const jobs = createJobs(p, { U0CRO: 'America/New_York', U0NOTZ: null });
    const log = createSqliteStore(db).jobRuns;
    const scheduler = new Scheduler({ jobs, timezone: 'UTC', log, now: () => new Date() });
    scheduler.start();
    cleanups.push(() => scheduler.stop());
    const rows = await workspaceJobs(scheduler, log).list();
    const row = (name: string) => rows.find((r) => r.name === name);
    expect(row('digest')?.destinations).toEqual([
      'CALERTS',
      '@U0NOTZ (UTC: no Slack zone, DEALFIT_TIMEZONE)',
    ]);
    const nyc = row('digest@America/New_York');
    expect(nyc?.destinations).toEqual(['@U0CRO (America/New_York)']);
    expect(nyc?.nextRunLocal).toMatch(/^\d{4}-\d\d-\d\d 08:00 America\/New_York$/);
    // jobs that post nothing of their own list no destination
    expect(row('metrics')?.destinations).toBeUndefined();
  });
});
