/** SQLite-only: the file itself (pragmas, WAL, page size, sqlite_master); PostgreSQL's opening: test/postgres/open.test.ts. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, PAGE_SIZE } from '../../../src/adapters/storage/database.js';
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

  it('gives a new file 16 KiB pages and opens an existing 4 KiB file as it is', () => {
    const tmp = createTempDbPath();
    temps.push(tmp.cleanup);
    const fresh = openDatabase(tmp.path);
    expect(fresh.$client.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    closeDatabase(fresh);

    const old = createTempDbPath();
    temps.push(old.cleanup);
    const made = new Database(old.path); // a store created before, with SQLite's default
    made.pragma('journal_mode = WAL');
    made.exec('CREATE TABLE before_us (x)');
    made.close();
    const reopened = openDatabase(old.path);
    expect(reopened.$client.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    const tables = reopened.$client
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['before_us', 'deals']));
    closeDatabase(reopened);
  });
});
