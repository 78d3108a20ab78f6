/**
 * Read-only queries behind `dealfit status` and the "data as of" line of every message.
 */
import { desc, eq, ne, sql } from 'drizzle-orm';
import type {
  EmailStatus,
  LastSync,
  StoreStatus,
  WebhookStatus,
} from '../../app/ports/database-reads.js';
import * as statusRows from '../store-rows/status-rows.js';
import type { Db } from './database.js';
import { readHygiene } from './hygiene-queries.js';
import { deals, quarantine, sentEmails, syncRuns } from './schema.js';
import { readSyncHealth, type SyncHealth } from './sync-health.js';

function readEmailStatus(db: Db): EmailStatus | null {
  const totals = db
    .select({
      all: sql<number>`count(*)`,
      sent: sql<number>`coalesce(sum(${sentEmails.status} = 'sent'), 0)`,
      failed: sql<number>`coalesce(sum(${sentEmails.status} = 'failed'), 0)`,
    })
    .from(sentEmails)
    .get();
  if (!totals || totals.all === 0) return null;
  const last = db
    .select()
    .from(sentEmails)
    .where(eq(sentEmails.status, 'failed'))
    .orderBy(desc(sentEmails.finishedAt))
    .limit(1)
    .get();
  return statusRows.emailStatusOf(totals, last);
}

/** One row per delivery would bury the imports and syncs in `status`: a summary instead. */
function readWebhookStatus(db: Db): WebhookStatus | null {
  const totals = db
    .select({
      deliveries: sql<number>`count(*)`,
      failed: sql<number>`coalesce(sum(${syncRuns.status} = 'failed'), 0)`,
    })
    .from(syncRuns)
    .where(eq(syncRuns.source, statusRows.WEBHOOK))
    .get();
  if (!totals || totals.deliveries === 0) return null;
  const last = db
    .select({ startedAt: syncRuns.startedAt, status: syncRuns.status, error: syncRuns.error })
    .from(syncRuns)
    .where(eq(syncRuns.source, statusRows.WEBHOOK))
    .orderBy(desc(syncRuns.id))
    .limit(1)
    .get();
  return statusRows.webhookStatusOf(totals, last);
}

function readFailingSyncs(db: Db): SyncHealth[] {
  return statusRows.failingSyncs(
    statusRows.CRM_SYNC_SOURCES.map((source) => readSyncHealth(db, source)),
  );
}

/**
 * metrics.md "Data as of": the as-of of the last successful import or sync; when none
 * recorded one, the newest created/closed date in the store.
 */
export function readDataAsOf(db: Db): string | null {
  const fromRun = db
    .select({ dataAsOf: syncRuns.dataAsOf })
    .from(syncRuns)
    .where(eq(syncRuns.status, 'succeeded'))
    .orderBy(desc(syncRuns.id))
    .limit(1)
    .get();
  if (fromRun?.dataAsOf) return fromRun.dataAsOf;
  const row = db
    .select({
      newest: sql<
        string | null
      >`max(max(${deals.createdDate}), coalesce(max(${deals.closedDate}), ''))`,
    })
    .from(deals)
    .get();
  return row?.newest || null;
}

export function readStatus(db: Db, recentRuns = 5): StoreStatus {
  const counts = db
    .select({
      total: sql<number>`count(*)`,
      open: sql<number>`coalesce(sum(${deals.outcome} is null and ${deals.deletedAt} is null), 0)`,
      closed: sql<number>`coalesce(sum(${deals.outcome} is not null and ${deals.deletedAt} is null), 0)`,
      deleted: sql<number>`coalesce(sum(${deals.deletedAt} is not null), 0)`,
    })
    .from(deals)
    .get() ?? { total: 0, open: 0, closed: 0, deleted: 0 };
  const lastSyncs = db
    .select()
    .from(syncRuns)
    .where(ne(syncRuns.source, statusRows.WEBHOOK))
    .orderBy(desc(syncRuns.id))
    .limit(recentRuns)
    .all()
    .map(statusRows.syncRunOf);
  const quarantined = db.select({ n: sql<number>`count(*)` }).from(quarantine).get()?.n ?? 0;
  return {
    deals: counts,
    dataAsOf: readDataAsOf(db),
    lastSyncs,
    webhook: readWebhookStatus(db),
    quarantined,
    failingSyncs: readFailingSyncs(db),
    hygiene: readHygiene(db),
    emails: readEmailStatus(db),
  };
}

/** GET /healthz's data line: the data's as-of and the newest import or sync (not webhook). */
export function readLastSync(db: Db): { dataAsOf: string | null; last: LastSync | null } {
  const last = db.$client.prepare(statusRows.LAST_SYNC_SQL).get() as LastSync | undefined;
  return { dataAsOf: readDataAsOf(db), last: last ?? null };
}
