/**
 * The counts behind `GET /metrics` (the OpsStore port): grouped totals of the tables the
 * operators watch, read at each scrape. Each is one aggregate statement; the deal counts
 * and the hygiene counts are the two scans of `deals`, as in `dealfit status`.
 */
import { type AnyColumn, and, count, eq, isNotNull, isNull, max, sql } from 'drizzle-orm';
import type { OpsStore } from '../../app/ports/ops-store.js';
import type { Db } from './database.js';
import { readHygiene } from './hygiene-queries.js';
import { alerts, coleadAssignments, deals, jobRuns, quarantine, syncRuns } from './schema.js';
import { readDataAsOf } from './status-queries.js';

const total = (column: AnyColumn) => sql<number>`coalesce(sum(${column}), 0)`;

export function sqliteOpsStore(db: Db): OpsStore {
  return {
    counts() {
      const dealCounts = db
        .select({
          open: sql<number>`coalesce(sum(${deals.outcome} is null), 0)`,
          closed: sql<number>`coalesce(sum(${deals.outcome} is not null), 0)`,
        })
        .from(deals)
        .where(isNull(deals.deletedAt))
        .get() ?? { open: 0, closed: 0 };
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
        deals: dealCounts,
        dataAsOf: readDataAsOf(db),
        quarantined: db.select({ n: count() }).from(quarantine).get()?.n ?? 0,
        hygiene: readHygiene(db),
        syncRuns: syncTotals,
        alerts: alertCounts,
        coleads: coleadCounts,
        jobLastSuccess: lastSuccess.flatMap((r) =>
          r.finishedAt ? [{ job: r.job, finishedAt: r.finishedAt }] : [],
        ),
      };
    },
  };
}
