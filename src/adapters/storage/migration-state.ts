/**
 * The migrations' state for GET /healthz and /readyz: the migrations this code ships
 * (drizzle/meta/_journal.json) against those recorded in the database. drizzle applies
 * them in order and records each by its folder time, so "pending" is a shipped migration
 * newer than the last one recorded: the schema this code needs is not there yet (another
 * instance is migrating, or the file was restored from an old copy).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './database.js';
import { MIGRATIONS_FOLDER } from './database.js';

export interface MigrationState {
  /** applied: all shipped ones recorded; pending: some not yet; ahead: the database has
   *  newer ones than this code (a newer instance migrated it: still served) */
  state: 'applied' | 'pending' | 'ahead';
  /** migrations this code ships */
  known: number;
  /** migrations recorded in the database */
  applied: number;
  /** the shipped ones not recorded yet, by name */
  pending: string[];
}

let journal: Array<{ tag: string; when: number }> | undefined;

function shipped(): Array<{ tag: string; when: number }> {
  journal ??= (
    JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
      entries: Array<{ tag: string; when: number }>;
    }
  ).entries;
  return journal;
}

export function readMigrationState(db: Db): MigrationState {
  const row = db.$client
    .prepare('select count(*) as n, max(created_at) as last from __drizzle_migrations')
    .get() as { n: number; last: number | null };
  const last = Number(row.last ?? 0);
  const known = shipped();
  const pending = known.filter((m) => m.when > last).map((m) => m.tag);
  const newest = known.at(-1)?.when ?? 0;
  const state = pending.length > 0 ? 'pending' : last > newest ? 'ahead' : 'applied';
  return { state, known: known.length, applied: row.n, pending };
}
