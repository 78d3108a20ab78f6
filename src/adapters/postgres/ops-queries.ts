/**
 * The counts behind `GET /metrics` (the OpsStore port) on PostgreSQL: the SQLite queries
 * (adapters/storage/ops-queries.ts), with the deal counts kept until the data version or
 * the newest finished run says the deals changed.
 */
import { type AnyColumn, and, count, eq, isNotNull, isNull, max, sql } from 'drizzle-orm';
import type { OpsCounts, OpsStore } from '../../app/ports/ops-store.js';
import { dealCountsVersion, jobLastSuccessOf } from '../store-rows/ops-rows.js';
import type { PgDb } from './database.js';
import { readHygiene } from './hygiene-queries.js';
import { readDataVersion } from './pipeline-health.js';
import { alerts, coleadAssignments, deals, jobRuns, quarantine, syncRuns } from './schema.js';
import { readDataAsOf } from './status-queries.js';

const total = (column: AnyColumn) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

type DealCounts = Pick<OpsCounts, 'deals' | 'dataAsOf' | 'quarantined' | 'hygiene'>;

async function readDealCounts(db: PgDb): Promise<DealCounts> {
  const [dealCounts] = await db
    .select({
      open: sql<number>`count(*) filter (where ${deals.outcome} is null)`.mapWith(Number),
      closed: sql<number>`count(*) filter (where ${deals.outcome} is not null)`.mapWith(Number),
    })
    .from(deals)
    .where(isNull(deals.deletedAt));
  const [q] = await db.select({ n: count() }).from(quarantine);
  return {
    deals: dealCounts ?? { open: 0, closed: 0 },
    dataAsOf: await readDataAsOf(db),
    quarantined: q?.n ?? 0,
    hygiene: await readHygiene(db),
  };
}

export function pgOpsStore(db: PgDb): OpsStore {
  let cached: { version: string; counts: DealCounts } | undefined;
  return {
    async counts() {
      const [finished] = await db.select({ at: max(syncRuns.finishedAt) }).from(syncRuns);
      const version = dealCountsVersion(await readDataVersion(db), finished?.at);
      if (cached?.version !== version) cached = { version, counts: await readDealCounts(db) };
      const syncTotals = await db
        .select({
          source: syncRuns.source,
          status: syncRuns.status,
          runs: count(),
          inserted: total(syncRuns.inserted),
          updated: total(syncRuns.updated),
          unchanged: total(syncRuns.unchanged),
          deleted: total(syncRuns.deleted),
          quarantined: total(syncRuns.quarantined),
        })
        .from(syncRuns)
        .groupBy(syncRuns.source, syncRuns.status)
        .orderBy(syncRuns.source, syncRuns.status);
      const alertCounts = await db
        .select({ type: alerts.type, status: alerts.status, count: count() })
        .from(alerts)
        .groupBy(alerts.type, alerts.status)
        .orderBy(alerts.type, alerts.status);
      const coleadCounts = await db
        .select({ state: coleadAssignments.state, count: count() })
        .from(coleadAssignments)
        .groupBy(coleadAssignments.state)
        .orderBy(coleadAssignments.state);
      const lastSuccess = await db
        .select({ job: jobRuns.job, finishedAt: max(jobRuns.finishedAt) })
        .from(jobRuns)
        .where(and(eq(jobRuns.status, 'succeeded'), isNotNull(jobRuns.finishedAt)))
        .groupBy(jobRuns.job)
        .orderBy(jobRuns.job);
      return {
        ...cached.counts,
        syncRuns: syncTotals,
        alerts: alertCounts,
        coleads: coleadCounts,
        jobLastSuccess: jobLastSuccessOf(lastSuccess),
      };
    },
  };
}
