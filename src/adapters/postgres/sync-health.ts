/** Where a CRM sync stands, on PostgreSQL (the SQLite one: adapters/storage/sync-health.ts). */
import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { SyncHealth, SyncStore } from '../../app/ports/sync-store.js';
import { foldSyncHealth } from '../../domain/sync-health.js';
import type { PgDb } from './database.js';
import { deals, syncRuns } from './schema.js';

export async function readLastWatermark(
  db: PgDb,
  source: string,
  target?: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ watermark: syncRuns.watermark })
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.source, source),
        eq(syncRuns.status, 'succeeded'),
        isNotNull(syncRuns.watermark),
        ...(target === undefined ? [] : [eq(syncRuns.target, target)]),
      ),
    )
    .orderBy(desc(syncRuns.id))
    .limit(1);
  return row?.watermark ?? undefined;
}

const SCAN_LIMIT = 200;

export async function readSyncHealth(db: PgDb, source: string): Promise<SyncHealth> {
  const runs = await db
    .select()
    .from(syncRuns)
    .where(eq(syncRuns.source, source))
    .orderBy(desc(syncRuns.id))
    .limit(SCAN_LIMIT);
  return foldSyncHealth(source, runs);
}

/** Ids of the deals a source wrote that are not marked deleted (in SQLite's table order). */
export async function readLiveDealIds(db: PgDb, source: string): Promise<string[]> {
  const found = await db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.source, source), isNull(deals.deletedAt)))
    .orderBy(asc(deals.rowid));
  return found.map((r) => r.id);
}

export function pgSyncStore(db: PgDb): SyncStore {
  return { health: (source) => readSyncHealth(db, source) };
}
