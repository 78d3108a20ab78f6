/**
 * The DatabaseProbe on SQLite: opens the file as every start does (so the migrations run),
 * then counts the applied migrations against the journal this build ships, the live deals
 * and the data's as-of date.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { DatabaseProbe, DatabaseState, Probed } from '../../app/ports/setup-probes.js';
import { closeDatabase, type Db, MIGRATIONS_FOLDER, openDatabase } from './database.js';
import { readDataAsOf } from './status-queries.js';

function shippedMigrations(): string[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
  return (journal.entries as Array<{ tag: string }>).map((e) => e.tag);
}

/** The state of an open store. */
export function readDatabaseState(db: Db): DatabaseState {
  const shipped = shippedMigrations();
  const applied =
    db.get<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`)?.n ?? 0;
  const deals =
    db.get<{ n: number }>(sql`select count(*) as n from deals where deleted_at is null`)?.n ?? 0;
  return {
    migrations: { shipped: shipped.length, applied, latest: shipped.at(-1) ?? null },
    deals,
    dataAsOf: deals > 0 ? readDataAsOf(db) : null,
  };
}

/** A probe on a store already open (the running app's). */
export function probeOpenDatabase(db: Db): DatabaseProbe {
  return {
    check(): Probed<DatabaseState> {
      try {
        return { ok: true, value: readDatabaseState(db) };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
  };
}

/** A probe that opens `path` for each check and closes it after. */
export function createDatabaseProbe(path: string): DatabaseProbe {
  return {
    check(): Probed<DatabaseState> {
      let db: Db;
      try {
        db = openDatabase(path);
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
      try {
        return { ok: true, value: readDatabaseState(db) };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      } finally {
        closeDatabase(db);
      }
    },
  };
}
