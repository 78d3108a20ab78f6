/**
 * What the weekly digest reads besides the metric queries: figures the metrics run stored
 * (metric_history, deal_scores, model_versions), the open pipeline and co-lead outcomes.
 */
import type { ColeadWeek, StoredFigure, WonOfN } from '../../app/ports/metric-store.js';
import type { Db } from './database.js';

/** The overall value of `metric` from the newest run with as_of ≤ `asOf`. */
export function readMetricAtOrBefore(db: Db, metric: string, asOf: string): StoredFigure | null {
  const row = db.$client
    .prepare(
      `SELECT as_of AS asOf, value, n FROM metric_history
       WHERE metric = ? AND dimension = '' AND segment = '' AND as_of <= ?
       ORDER BY as_of DESC LIMIT 1`,
    )
    .get(metric, asOf) as StoredFigure | undefined;
  return row ?? null;
}

/** The stored velocity (value and its factors) of the newest run with as_of ≤ `asOf`. */
export function readVelocityAtOrBefore(
  db: Db,
  asOf: string,
): { asOf: string; detail: string | null } | null {
  const row = db.$client
    .prepare(
      `SELECT as_of AS asOf, detail FROM metric_history
       WHERE metric = 'velocity' AND dimension = '' AND segment = '' AND as_of <= ?
       ORDER BY as_of DESC LIMIT 1`,
    )
    .get(asOf) as { asOf: string; detail: string | null } | undefined;
  return row ?? null;
}

/** Open deals and their amount; a blank amount is left out of the sum and counted. */
export function readPipeline(db: Db): {
  openDeals: number;
  openAmount: number;
  openWithoutAmount: number;
} {
  return db.$client
    .prepare(
      `SELECT count(*) AS openDeals, coalesce(sum(amount), 0) AS openAmount,
         coalesce(sum(amount IS NULL), 0) AS openWithoutAmount
       FROM deals WHERE outcome IS NULL AND deleted_at IS NULL`,
    )
    .get() as { openDeals: number; openAmount: number; openWithoutAmount: number };
}

/** Open deals flagged RED by the latest metrics run. */
export function countRedOpenDeals(db: Db): number {
  return (
    (db.$client
      .prepare(
        `SELECT count(*) FROM deal_scores s JOIN deals d ON d.id = s.deal_id
         WHERE s.as_of = (SELECT max(as_of) FROM deal_scores) AND s.flag = 'RED'
           AND d.outcome IS NULL AND d.deleted_at IS NULL`,
      )
      .pluck()
      .get() as number | undefined) ?? 0
  );
}

/** Co-lead outcomes for the digest; `from`/`to` are dates (YYYY-MM-DD), `from` exclusive. */
export function readColeadWeek(db: Db, from: string, to: string): ColeadWeek {
  const c = db.$client;
  const active = c
    .prepare(
      `SELECT count(*) AS n, avg(a.lift) AS lift, coalesce(sum(a.lift_lo > 0), 0) AS credible
       FROM colead_assignments a JOIN deals d ON d.id = a.deal_id
       WHERE a.state = 'approved' AND d.outcome IS NULL AND d.deleted_at IS NULL`,
    )
    .get() as { n: number; lift: number | null; credible: number };
  const closed = c
    .prepare(
      `SELECT d.outcome AS outcome, count(*) AS n FROM colead_assignments a JOIN deals d ON d.id = a.deal_id
       WHERE a.state = 'approved' AND d.closed_date > ? AND d.closed_date <= ? GROUP BY d.outcome`,
    )
    .all(from, to) as Array<{ outcome: string; n: number }>;
  const proposals = c
    .prepare(
      `SELECT count(*) AS proposed, coalesce(sum(state IN ('proposed', 'reassigned')), 0) AS pending
       FROM colead_assignments WHERE substr(proposed_at, 1, 10) > ? AND substr(proposed_at, 1, 10) <= ?`,
    )
    .get(from, to) as { proposed: number; pending: number };
  return {
    active: active.n,
    meanLift: active.lift,
    credibleLifts: active.credible,
    closedWon: closed.find((r) => r.outcome === 'won')?.n ?? 0,
    closedLost: closed.find((r) => r.outcome === 'lost')?.n ?? 0,
    proposed: proposals.proposed,
    pending: proposals.pending,
  };
}

/** The stored result of the newest driver model run (JSON), if any. */
export function readLatestDriversResult(db: Db): string | null {
  return (
    (db.$client
      .prepare('SELECT result FROM model_versions ORDER BY as_of DESC, id DESC LIMIT 1')
      .pluck()
      .get() as string | undefined) ?? null
  );
}

/** The newest stored model fitted as of a date before `asOf` (last week's, for the shift). */
export function readDriversResultBefore(db: Db, asOf: string): string | null {
  return (
    (db.$client
      .prepare(
        'SELECT result FROM model_versions WHERE as_of < ? ORDER BY as_of DESC, id DESC LIMIT 1',
      )
      .pluck()
      .get(asOf) as string | undefined) ?? null
  );
}

/**
 * Closed deals that were flagged RED by a metrics run on or after `since`, split by whether
 * an approved co-lead worked them: won and closed counts for each group.
 */
export function readRedOutcomes(db: Db, since: string): { coled: WonOfN; solo: WonOfN } {
  const rows = db.$client
    .prepare(
      `SELECT a.deal_id IS NOT NULL AS coled, count(*) AS n, sum(d.outcome = 'won') AS won
       FROM (SELECT DISTINCT deal_id FROM deal_scores WHERE flag = 'RED' AND as_of >= ?) r
       JOIN deals d ON d.id = r.deal_id
       LEFT JOIN (SELECT DISTINCT deal_id FROM colead_assignments WHERE state = 'approved') a
         ON a.deal_id = d.id
       WHERE d.outcome IS NOT NULL AND d.deleted_at IS NULL
       GROUP BY 1`,
    )
    .all(since) as Array<{ coled: number; n: number; won: number }>;
  const group = (coled: number) => {
    const row = rows.find((r) => r.coled === coled);
    return { won: row?.won ?? 0, n: row?.n ?? 0 };
  };
  return { coled: group(1), solo: group(0) };
}
