/**
 * SQLite-only: an old SQLite file rebuilt; PostgreSQL's one migration (drizzle-pg) has the
 * blank fields nullable from the start.
 * Migration 0004 drops NOT NULL from the deal fields that may be blank: SQLite rebuilds
 * `deals` and `deal_history`. An existing database keeps every row, every index and its
 * sync runs, and accepts a deal with blank fields afterwards.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../src/adapters/storage/database.js';
import { createTempDbPath } from '../../helpers/test-db.js';

const DRIZZLE = resolve(import.meta.dirname, '../../../drizzle');

describe('migration 0004 (blank deal fields)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('keeps the rows and indexes of a database migrated up to 0003', () => {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    // the migrations as they were before this one
    const before = join(tmp.dir, 'drizzle-0003');
    cpSync(DRIZZLE, before, { recursive: true });
    const journalPath = join(before, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
      entries: Array<{ idx: number }>;
    };
    journal.entries = journal.entries.filter((e) => e.idx <= 3);
    writeFileSync(journalPath, JSON.stringify(journal));
    const old = new Database(tmp.path);
    migrate(drizzle({ client: old }), { migrationsFolder: before });
    old.exec(`INSERT INTO deals (id, created_date, rep_id, industry, region, product, lead_source,
        stage, amount, source, updated_at)
      VALUES ('D1', '2024-01-01', 'rep_1', 'SaaS', 'Europe', 'Core', 'Inbound', 'Demo', 100,
        'csv:a.csv', '2024-01-02T00:00:00Z')`);
    old.exec(`INSERT INTO deal_history (deal_id, sync_run_id, change, recorded_at, created_date,
        rep_id, industry, region, product, lead_source, stage, amount)
      VALUES ('D1', 1, 'insert', '2024-01-02T00:00:00Z', '2024-01-01', 'rep_1', 'SaaS', 'Europe',
        'Core', 'Inbound', 'Demo', 100)`);
    old.exec(
      `INSERT INTO sync_runs (source, started_at, status) VALUES ('csv', '2024-01-02', 'succeeded')`,
    );
    const indexes = (d: Database.Database) =>
      d.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all();
    const indexesBefore = indexes(old);
    old.close();

    const db = openDatabase(tmp.path);
    const sqlite = db.$client;
    expect(sqlite.prepare('SELECT id, industry, amount FROM deals').all()).toEqual([
      { id: 'D1', industry: 'SaaS', amount: 100 },
    ]);
    expect(sqlite.prepare('SELECT count(*) FROM deal_history').pluck().get()).toBe(1);
    expect(sqlite.prepare('SELECT blanks FROM sync_runs').pluck().all()).toEqual([null]);
    // every index survives the rebuild (later migrations may add their own)
    expect(indexes(sqlite)).toEqual(expect.arrayContaining(indexesBefore));
    expect(indexes(sqlite)).toContain('deals_open_rep_idx');
    sqlite.exec(`INSERT INTO deals (id, created_date, rep_id, source, updated_at)
      VALUES ('D2', '2024-01-03', 'rep_2', 'webhook', '2024-01-03T00:00:00Z')`);
    expect(
      sqlite.prepare("SELECT industry, stage, amount FROM deals WHERE id = 'D2'").get(),
    ).toEqual({
      industry: null,
      stage: null,
      amount: null,
    });
    closeDatabase(db);
  });
});
