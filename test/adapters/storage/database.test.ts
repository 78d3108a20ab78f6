import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../src/adapters/storage/database.js';
import { createTempDbPath, createTestDb } from '../../helpers/test-db.js';

describe('openDatabase', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });

  it('applies the committed migrations to an in-memory database', () => {
    const db = createTestDb();
    const tables = db.$client
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['deals', 'deal_history', 'sync_runs', 'quarantine']),
    );
  });

  it('opens a file in WAL mode with a busy timeout and migrates it only once', () => {
    const tmp = createTempDbPath();
    temps.push(tmp.cleanup);
    const first = openDatabase(tmp.path, { busyTimeoutMs: 1234 });
    expect(first.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.$client.pragma('busy_timeout', { simple: true })).toBe(1234);
    closeDatabase(first);
    const again = openDatabase(tmp.path);
    const applied = again.$client
      .prepare('select count(*) from __drizzle_migrations')
      .pluck()
      .get();
    expect(applied).toBeGreaterThan(0);
    closeDatabase(again);
  });
});
