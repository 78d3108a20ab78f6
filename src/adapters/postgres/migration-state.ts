/**
 * The migrations' state for GET /healthz and /readyz on PostgreSQL: the migrations this
 * code ships (drizzle-pg/meta/_journal.json) against those drizzle recorded in
 * drizzle.__drizzle_migrations (the same reading as adapters/storage/migration-state.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** as the SQLite store's MigrationState */
export interface MigrationState {
  state: 'applied' | 'pending' | 'ahead';
  known: number;
  applied: number;
  pending: string[];
}

import { PG_MIGRATIONS_FOLDER, type PgDb, rows } from './database.js';

let journal: Array<{ tag: string; when: number }> | undefined;

export function shippedPgMigrations(): Array<{ tag: string; when: number }> {
  journal ??= (
    JSON.parse(readFileSync(join(PG_MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
      entries: Array<{ tag: string; when: number }>;
    }
  ).entries;
  return journal;
}

export async function readPgMigrationState(db: PgDb): Promise<MigrationState> {
  const [row] = await rows<{ n: number; last: number | null }>(
    db.$client,
    'select count(*) as n, max(created_at) as last from drizzle.__drizzle_migrations',
  );
  const last = Number(row?.last ?? 0);
  const known = shippedPgMigrations();
  const pending = known.filter((m) => m.when > last).map((m) => m.tag);
  const newest = known.at(-1)?.when ?? 0;
  const state = pending.length > 0 ? 'pending' : last > newest ? 'ahead' : 'applied';
  return { state, known: known.length, applied: row?.n ?? 0, pending };
}
