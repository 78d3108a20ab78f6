/** `dealfit status` and the "data as of" line on PostgreSQL (SQLite: adapters/storage/status-queries.ts). */
import { count, desc, eq, ne, sql } from 'drizzle-orm';
import type { LastSync, StoreStatus } from '../../app/ports/database-reads.js';
import * as statusRows from '../store-rows/status-rows.js';
import { type PgDb, rows } from './database.js';
import { readHygiene } from './hygiene-queries.js';
import { deals, quarantine, sentEmails, syncRuns } from './schema.js';
import { readSyncHealth } from './sync-health.js';

const countWhere = (condition: ReturnType<typeof sql>) =>
  sql<number>`count(*) filter (where ${condition})`.mapWith(Number);

async function readEmailStatus(db: PgDb): Promise<StoreStatus['emails']> {
  const [totals] = await db
    .select({
      all: count(),
      sent: countWhere(sql`${sentEmails.status} = 'sent'`),
      failed: countWhere(sql`${sentEmails.status} = 'failed'`),
    })
    .from(sentEmails);
  if (!totals || totals.all === 0) return null;
  const [last] = await db
    .select()
    .from(sentEmails)
    .where(eq(sentEmails.status, 'failed'))
    // SQLite sorts nulls first ascending, so last descending: said here
    .orderBy(sql`${sentEmails.finishedAt} desc nulls last`)
    .limit(1);
  return statusRows.emailStatusOf(totals, last);
}

async function readWebhookStatus(db: PgDb): Promise<StoreStatus['webhook']> {
  const [totals] = await db
    .select({ deliveries: count(), failed: countWhere(sql`${syncRuns.status} = 'failed'`) })
    .from(syncRuns)
    .where(eq(syncRuns.source, statusRows.WEBHOOK));
  if (!totals || totals.deliveries === 0) return null;
  const [last] = await db
    .select({ startedAt: syncRuns.startedAt, status: syncRuns.status, error: syncRuns.error })
    .from(syncRuns)
    .where(eq(syncRuns.source, statusRows.WEBHOOK))
    .orderBy(desc(syncRuns.id))
    .limit(1);
  return statusRows.webhookStatusOf(totals, last);
}

export async function readDataAsOf(db: PgDb): Promise<string | null> {
  const [fromRun] = await db
    .select({ dataAsOf: syncRuns.dataAsOf })
    .from(syncRuns)
    .where(eq(syncRuns.status, 'succeeded'))
    .orderBy(desc(syncRuns.id))
    .limit(1);
  if (fromRun?.dataAsOf) return fromRun.dataAsOf;
  // SQLite's max(a, b) is null when a is: greatest() ignores nulls, so say it
  const [row] = await db
    .select({
      newest: sql<string | null>`case when max(${deals.createdDate}) is null then null
        else greatest(max(${deals.createdDate}), coalesce(max(${deals.closedDate}), '')) end`,
    })
    .from(deals);
  return row?.newest || null;
}

export async function readStatus(db: PgDb, recentRuns = 5): Promise<StoreStatus> {
  const [counts] = await db
    .select({
      total: count(),
      open: countWhere(sql`${deals.outcome} is null and ${deals.deletedAt} is null`),
      closed: countWhere(sql`${deals.outcome} is not null and ${deals.deletedAt} is null`),
      deleted: countWhere(sql`${deals.deletedAt} is not null`),
    })
    .from(deals);
  const lastSyncs = (
    await db
      .select()
      .from(syncRuns)
      .where(ne(syncRuns.source, statusRows.WEBHOOK))
      .orderBy(desc(syncRuns.id))
      .limit(recentRuns)
  ).map(statusRows.syncRunOf);
  const [q] = await db.select({ n: count() }).from(quarantine);
  const failing = statusRows.failingSyncs(
    await Promise.all(statusRows.CRM_SYNC_SOURCES.map((source) => readSyncHealth(db, source))),
  );
  return {
    deals: counts ?? { total: 0, open: 0, closed: 0, deleted: 0 },
    dataAsOf: await readDataAsOf(db),
    lastSyncs,
    webhook: await readWebhookStatus(db),
    quarantined: q?.n ?? 0,
    failingSyncs: failing,
    hygiene: await readHygiene(db),
    emails: await readEmailStatus(db),
  };
}

/** GET /healthz's data line: the data's as-of and the newest import or sync (not webhook). */
export async function readLastSync(
  db: PgDb,
): Promise<{ dataAsOf: string | null; last: LastSync | null }> {
  const [last] = await rows<LastSync>(db.$client, statusRows.LAST_SYNC_SQL);
  return { dataAsOf: await readDataAsOf(db), last: last ?? null };
}
