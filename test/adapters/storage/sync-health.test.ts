import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../../src/adapters/storage/database.js';
import { syncRuns } from '../../../src/adapters/storage/schema.js';
import { readLastWatermark, readSyncHealth } from '../../../src/adapters/storage/sync-health.js';
import { runDealfit } from '../../helpers/run-cli.js';
import { createTempDbPath, createTestDb } from '../../helpers/test-db.js';

function run(
  db: Db,
  status: 'succeeded' | 'failed' | 'running',
  extra: Partial<typeof syncRuns.$inferInsert> = {},
) {
  const startedAt = `2024-06-0${1 + (db.select().from(syncRuns).all().length % 9)}T00:00:00.000Z`;
  db.insert(syncRuns)
    .values({ source: 'salesforce', target: 'acme', startedAt, status, ...extra })
    .run();
}

describe('sync health', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });

  it('resumes from the newest successful watermark of the same org, never a failed one', () => {
    const db = createTestDb();
    expect(readLastWatermark(db, 'salesforce', 'acme')).toBeUndefined();
    run(db, 'succeeded', { watermark: '2024-06-01T00:00:00.000Z' });
    run(db, 'succeeded', { watermark: '2024-06-02T00:00:00.000Z' });
    run(db, 'failed', { watermark: '2024-06-03T00:00:00.000Z', error: 'boom' });
    run(db, 'succeeded', { target: 'other-org', watermark: '2024-06-09T00:00:00.000Z' });
    expect(readLastWatermark(db, 'salesforce', 'acme')).toBe('2024-06-02T00:00:00.000Z');
  });

  it('counts failures since the last success; a running row neither counts nor breaks the streak', () => {
    const db = createTestDb();
    run(db, 'failed', { error: 'old' });
    run(db, 'succeeded', { dataAsOf: '2024-06-02', finishedAt: '2024-06-02T00:01:00.000Z' });
    run(db, 'failed', { error: 'first' });
    run(db, 'running');
    run(db, 'failed', { error: 'second' });
    expect(readSyncHealth(db, 'salesforce')).toEqual({
      source: 'salesforce',
      consecutiveFailures: 2,
      failingSince: '2024-06-03T00:00:00.000Z',
      lastError: 'second',
      lastSuccessAt: '2024-06-02T00:01:00.000Z',
      lastGoodDataAsOf: '2024-06-02',
    });
  });

  it('puts "salesforce: 3 consecutive failed syncs since ..." in dealfit status from the third failure', async () => {
    const tmp = createTempDbPath();
    temps.push(tmp.cleanup);
    const db = openDatabase(tmp.path);
    run(db, 'succeeded', { dataAsOf: '2024-06-01' });
    run(db, 'failed', { error: 'SERVER_UNAVAILABLE' });
    run(db, 'failed', { error: 'SERVER_UNAVAILABLE' });
    closeDatabase(db);
    const two = await runDealfit(['status', '--db', tmp.path]);
    expect(two.stdout).not.toContain('consecutive failed syncs');
    const again = openDatabase(tmp.path);
    run(again, 'failed', { error: 'REQUEST_LIMIT_EXCEEDED' });
    closeDatabase(again);
    const three = await runDealfit(['status', '--db', tmp.path]);
    expect(three.stdout).toContain(
      'salesforce: 3 consecutive failed syncs since 2024-06-02T00:00:00.000Z (last error: REQUEST_LIMIT_EXCEEDED)',
    );
    expect(three.stdout).toContain('data as of:  2024-06-01');
    const json = await runDealfit(['status', '--json', '--db', tmp.path]);
    expect(json.json()).toMatchObject({
      failingSyncs: [{ source: 'salesforce', consecutiveFailures: 3 }],
    });
  });
});
