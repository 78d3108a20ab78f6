/**
 * Where a CRM sync stands, read from sync_runs: the watermark to resume from, and how many
 * syncs in a row have failed (the ops signal after 3, spec "CRM sync fails").
 */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { SyncHealth, SyncStore } from '../../app/ports/sync-store.js';
import { foldSyncHealth } from '../../domain/sync-health.js';
import type { Db } from './database.js';
import { promised } from './promised.js';
import { deals, syncRuns } from './schema.js';

/** The watermark of the last successful sync of `source` (and `target`, when given). */
export function readLastWatermark(db: Db, source: string, target?: string): string | undefined {
  const row = db
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
    .limit(1)
    .get();
  return row?.watermark ?? undefined;
}

export type { SyncHealth };

const SCAN_LIMIT = 200;

export function readSyncHealth(db: Db, source: string): SyncHealth {
  const runs = db
    .select()
    .from(syncRuns)
    .where(eq(syncRuns.source, source))
    .orderBy(desc(syncRuns.id))
    .limit(SCAN_LIMIT)
    .all();
  return foldSyncHealth(source, runs);
}

/** Ids of the deals a source wrote that are not marked deleted. */
export function readLiveDealIds(db: Db, source: string): string[] {
  return db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.source, source), isNull(deals.deletedAt)))
    .all()
    .map((r) => r.id);
}

/** The reads of sync_runs the jobs use (the sync itself writes through the ingest side). */
export function sqliteSyncStore(db: Db): SyncStore {
  return promised<SyncStore>({ health: (source) => readSyncHealth(db, source) });
}
