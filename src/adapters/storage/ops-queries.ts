/**
 * The counts behind `GET /metrics` (the OpsStore port): grouped totals of the tables the
 * operators watch, read at each scrape. The small tables (sync runs, alerts, co-leads, job
 * runs) are aggregated every time. The deal counts, hygiene and data as of take two scans
 * of `deals` (~0.5 s at 300,000 deals, on the loop that acks Slack): those are kept until
 * the data version (pipeline-health.ts, the answer cache's key) or the newest finished
 * run says the deals changed. The run's finish matters too: a sync's first versions of new
 * deals write no history row, and its sync_runs row was inserted before them.
 */
import { type AnyColumn, and, count, eq, isNotNull, isNull, max, sql } from 'drizzle-orm';
import type { OpsCounts, OpsStore } from '../../app/ports/ops-store.js';
import { dealCountsVersion, jobLastSuccessOf } from '../store-rows/ops-rows.js';
import type { Db } from './database.js';
import { readHygiene } from './hygiene-queries.js';
import { readDataVersion } from './pipeline-health.js';
import { promised } from './promised.js';
import { alerts, coleadAssignments, deals, jobRuns, quarantine, syncRuns } from './schema.js';
import { readDataAsOf } from './status-queries.js';

const total = (column: AnyColumn) => sql<number>`coalesce(sum(${column}), 0)`;

type DealCounts = Pick<OpsCounts, 'deals' | 'dataAsOf' | 'quarantined' | 'hygiene'>;

function readDealCounts(db: Db): DealCounts {
  const dealCounts = db
    .select({
      open: sql<number>`coalesce(sum(${deals.outcome} is null), 0)`,
      closed: sql<number>`coalesce(sum(${deals.outcome} is not null), 0)`,
    })
    .from(deals)
    .where(isNull(deals.deletedAt))
    .get() ?? { open: 0, closed: 0 };
  return {
    deals: dealCounts,
    dataAsOf: readDataAsOf(db),
    quarantined: db.select({ n: count() }).from(quarantine).get()?.n ?? 0,
    hygiene: readHygiene(db),
  };
}

export function sqliteOpsStore(db: Db): OpsStore {
  let cached: { version: string; counts: DealCounts } | undefined;
  return promised<OpsStore>({
    counts() {
      const finished = db
        .select({ at: max(syncRuns.finishedAt) })
        .from(syncRuns)
        .get()?.at;
      const version = dealCountsVersion(readDataVersion(db), finished);
      if (cached?.version !== version) cached = { version, counts: readDealCounts(db) };
      const syncTotals = db
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
        .all();
      const alertCounts = db
        .select({ type: alerts.type, status: alerts.status, count: count() })
        .from(alerts)
        .groupBy(alerts.type, alerts.status)
        .all();
      const coleadCounts = db
        .select({ state: coleadAssignments.state, count: count() })
        .from(coleadAssignments)
        .groupBy(coleadAssignments.state)
        .all();
      const lastSuccess = db
        .select({ job: jobRuns.job, finishedAt: max(jobRuns.finishedAt) })
        .from(jobRuns)
        .where(and(eq(jobRuns.status, 'succeeded'), isNotNull(jobRuns.finishedAt)))
        .groupBy(jobRuns.job)
        .all();
      return {
        ...cached.counts,
        syncRuns: syncTotals,
        alerts: alertCounts,
        coleads: coleadCounts,
        jobLastSuccess: jobLastSuccessOf(lastSuccess),
      };
    },
  });
}
