/**
 * `dealfit doctor`'s database line on PostgreSQL: opens the store as every start does (so
 * the migrations run), then counts the applied migrations against the journal this build
 * ships (drizzle-pg/), the live deals and the data's as-of date.
 */
import type { DatabaseState, Probed } from '../../app/ports/setup-probes.js';
import { closePostgres, describeUrl, openPostgres, type PgDb, rows } from './database.js';
import { shippedPgMigrations } from './migration-state.js';
import { readDataAsOf } from './status-queries.js';

/** The state of an open store. */
export async function readPgDatabaseState(db: PgDb): Promise<DatabaseState> {
  const shipped = shippedPgMigrations();
  const [applied] = await rows<{ n: number }>(
    db.$client,
    'select count(*) as n from drizzle.__drizzle_migrations',
  );
  const [live] = await rows<{ n: number }>(
    db.$client,
    'select count(*) as n from deals where deleted_at is null',
  );
  const deals = live?.n ?? 0;
  return {
    migrations: {
      shipped: shipped.length,
      applied: applied?.n ?? 0,
      latest: shipped.at(-1)?.tag ?? null,
    },
    deals,
    dataAsOf: deals > 0 ? await readDataAsOf(db) : null,
  };
}

/** A probe on a store already open (the running app's). */
export function probeOpenPostgres(db: PgDb) {
  return {
    async check(): Promise<Probed<DatabaseState>> {
      try {
        return { ok: true, value: await readPgDatabaseState(db) };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
  };
}

/** A probe that connects to `url` for each check and closes after (`dealfit doctor`). */
export function createPostgresProbe(url: string) {
  return {
    /** where it looks, for the doctor's line (never the password) */
    target: describeUrl(url),
    async check(): Promise<Probed<DatabaseState>> {
      let db: PgDb;
      try {
        db = await openPostgres(url, { connectTimeoutMs: 5000 });
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
      try {
        return { ok: true, value: await readPgDatabaseState(db) };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      } finally {
        await closePostgres(db);
      }
    },
  };
}
