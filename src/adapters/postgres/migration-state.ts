/**
 * The migrations' state for GET /healthz and /readyz on PostgreSQL: the migrations this
 * code ships (drizzle-pg/meta/_journal.json) against those drizzle recorded in
 * drizzle.__drizzle_migrations (the same reading as adapters/storage/migration-state.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  foldMigrationState,
  type MigrationsRead,
  type ShippedMigration,
} from '../../domain/migration-state.js';

import { PG_MIGRATIONS_FOLDER, type PgDb, rows } from './database.js';

let journal: ShippedMigration[] | undefined;

export function shippedPgMigrations(): ShippedMigration[] {
  journal ??= (
    JSON.parse(readFileSync(join(PG_MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
      entries: ShippedMigration[];
    }
  ).entries;
  return journal;
}

export async function readPgMigrationState(db: PgDb): Promise<MigrationsRead> {
  const [row] = await rows<{ count: number; newest: number | null }>(
    db.$client,
    'select count(*) as count, max(created_at) as newest from drizzle.__drizzle_migrations',
  );
  return foldMigrationState(shippedPgMigrations(), row ?? { count: 0, newest: null });
}
