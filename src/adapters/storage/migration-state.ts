/**
 * The migrations' state for GET /healthz and /readyz: the migrations this code ships
 * (drizzle/meta/_journal.json) against those recorded in the database, folded by
 * domain/migration-state.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  foldMigrationState,
  type MigrationsRead,
  type ShippedMigration,
} from '../../domain/migration-state.js';
import type { Db } from './database.js';
import { MIGRATIONS_FOLDER } from './database.js';

let journal: ShippedMigration[] | undefined;

function shipped(): ShippedMigration[] {
  journal ??= (
    JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
      entries: ShippedMigration[];
    }
  ).entries;
  return journal;
}

export function readMigrationState(db: Db): MigrationsRead {
  const row = db.$client
    .prepare('select count(*) as count, max(created_at) as newest from __drizzle_migrations')
    .get() as { count: number; newest: number | null };
  return foldMigrationState(shipped(), row);
}
