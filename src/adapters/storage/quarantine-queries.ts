/** Read side of the quarantine table, behind `dealfit quarantine`. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { QuarantineListing } from '../../app/ports/database-reads.js';
import { quarantinedRowOf } from '../store-rows/quarantine-rows.js';
import type { Db } from './database.js';
import { quarantine, syncRuns } from './schema.js';

/** The quarantined rows of one run: the given one, else the latest run that has any. */
export function listQuarantine(
  db: Db,
  options: { runId?: number; limit: number },
): QuarantineListing {
  const runId =
    options.runId ??
    db
      .select({ id: quarantine.syncRunId })
      .from(quarantine)
      .orderBy(desc(quarantine.syncRunId))
      .limit(1)
      .get()?.id;
  if (runId === undefined) return { run: null, total: 0, rows: [] };
  const run =
    db
      .select({
        id: syncRuns.id,
        source: syncRuns.source,
        target: syncRuns.target,
        startedAt: syncRuns.startedAt,
      })
      .from(syncRuns)
      .where(eq(syncRuns.id, runId))
      .get() ?? null;
  const where = and(eq(quarantine.syncRunId, runId));
  const total = db.select({ n: sql<number>`count(*)` }).from(quarantine).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(quarantine)
    .where(where)
    .orderBy(asc(quarantine.line), asc(quarantine.id))
    .limit(options.limit)
    .all()
    .map(quarantinedRowOf);
  return { run, total, rows };
}
