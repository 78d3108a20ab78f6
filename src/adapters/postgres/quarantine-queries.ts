/** Read side of the quarantine table on PostgreSQL, behind `dealfit quarantine`. */
import { asc, count, desc, eq } from 'drizzle-orm';
import type { QuarantineListing } from '../../app/ports/database-reads.js';
import { quarantinedRowOf } from '../store-rows/quarantine-rows.js';
import type { PgDb } from './database.js';
import { quarantine, syncRuns } from './schema.js';

export async function listQuarantine(
  db: PgDb,
  options: { runId?: number; limit: number },
): Promise<QuarantineListing> {
  const runId =
    options.runId ??
    (
      await db
        .select({ id: quarantine.syncRunId })
        .from(quarantine)
        .orderBy(desc(quarantine.syncRunId))
        .limit(1)
    )[0]?.id;
  if (runId === undefined) return { run: null, total: 0, rows: [] };
  const [run] = await db
    .select({
      id: syncRuns.id,
      source: syncRuns.source,
      target: syncRuns.target,
      startedAt: syncRuns.startedAt,
    })
    .from(syncRuns)
    .where(eq(syncRuns.id, runId));
  const where = eq(quarantine.syncRunId, runId);
  const [counted] = await db.select({ n: count() }).from(quarantine).where(where);
  const found = await db
    .select()
    .from(quarantine)
    .where(where)
    // SQLite sorts nulls first ascending: said here
    .orderBy(asc(quarantine.line), asc(quarantine.id))
    .limit(options.limit);
  return {
    run: run ?? null,
    total: counted?.n ?? 0,
    rows: found.map(quarantinedRowOf),
  };
}
