/**
 * What the weekly digest reads besides the metric queries, on PostgreSQL: the SQLite
 * queries (adapters/storage/digest-queries.ts) with PostgreSQL's spelling (a boolean is
 * counted with FILTER, not summed).
 */
import type { ColeadWeek, StoredFigure, WonOfN } from '../../app/ports/metric-store.js';
import { type PgDb, rows } from './database.js';

export async function readMetricAtOrBefore(
  db: PgDb,
  metric: string,
  asOf: string,
): Promise<StoredFigure | null> {
  const [row] = await rows<StoredFigure>(
    db.$client,
    `SELECT as_of AS "asOf", value, n FROM metric_history
     WHERE metric = $1 AND dimension = '' AND segment = '' AND as_of <= $2
     ORDER BY as_of DESC LIMIT 1`,
    [metric, asOf],
  );
  return row ?? null;
}

export async function readVelocityAtOrBefore(
  db: PgDb,
  asOf: string,
): Promise<{ asOf: string; detail: string | null } | null> {
  const [row] = await rows<{ asOf: string; detail: string | null }>(
    db.$client,
    `SELECT as_of AS "asOf", detail FROM metric_history
     WHERE metric = 'velocity' AND dimension = '' AND segment = '' AND as_of <= $1
     ORDER BY as_of DESC LIMIT 1`,
    [asOf],
  );
  return row ?? null;
}

export async function readPipeline(
  db: PgDb,
): Promise<{ openDeals: number; openAmount: number; openWithoutAmount: number }> {
  const [row] = await rows<{ openDeals: number; openAmount: number; openWithoutAmount: number }>(
    db.$client,
    `SELECT count(*) AS "openDeals", coalesce(sum(amount), 0) AS "openAmount",
       count(*) FILTER (WHERE amount IS NULL) AS "openWithoutAmount"
     FROM deals WHERE outcome IS NULL AND deleted_at IS NULL`,
  );
  return row!;
}

export async function countRedOpenDeals(db: PgDb): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db.$client,
    `SELECT count(*) AS n FROM deal_scores s JOIN deals d ON d.id = s.deal_id
     WHERE s.as_of = (SELECT max(as_of) FROM deal_scores) AND s.flag = 'RED'
       AND d.outcome IS NULL AND d.deleted_at IS NULL`,
  );
  return row?.n ?? 0;
}

export async function readColeadWeek(db: PgDb, from: string, to: string): Promise<ColeadWeek> {
  const c = db.$client;
  const [active] = await rows<{ n: number; lift: number | null; credible: number }>(
    c,
    `SELECT count(*) AS n, avg(a.lift) AS lift, count(*) FILTER (WHERE a.lift_lo > 0) AS credible
     FROM colead_assignments a JOIN deals d ON d.id = a.deal_id
     WHERE a.state = 'approved' AND d.outcome IS NULL AND d.deleted_at IS NULL`,
  );
  const closed = await rows<{ outcome: string; n: number }>(
    c,
    `SELECT d.outcome AS outcome, count(*) AS n FROM colead_assignments a
     JOIN deals d ON d.id = a.deal_id
     WHERE a.state = 'approved' AND d.closed_date > $1 AND d.closed_date <= $2
     GROUP BY d.outcome`,
    [from, to],
  );
  const [proposals] = await rows<{ proposed: number; pending: number }>(
    c,
    `SELECT count(*) AS proposed,
       count(*) FILTER (WHERE state IN ('proposed', 'reassigned')) AS pending
     FROM colead_assignments
     WHERE substr(proposed_at, 1, 10) > $1 AND substr(proposed_at, 1, 10) <= $2`,
    [from, to],
  );
  return {
    active: active!.n,
    meanLift: active!.lift,
    credibleLifts: active!.credible,
    closedWon: closed.find((r) => r.outcome === 'won')?.n ?? 0,
    closedLost: closed.find((r) => r.outcome === 'lost')?.n ?? 0,
    proposed: proposals!.proposed,
    pending: proposals!.pending,
  };
}

export async function readLatestDriversResult(db: PgDb): Promise<string | null> {
  const [row] = await rows<{ result: string }>(
    db.$client,
    'SELECT result FROM model_versions ORDER BY as_of DESC, id DESC LIMIT 1',
  );
  return row?.result ?? null;
}

export async function readDriversResultBefore(db: PgDb, asOf: string): Promise<string | null> {
  const [row] = await rows<{ result: string }>(
    db.$client,
    'SELECT result FROM model_versions WHERE as_of < $1 ORDER BY as_of DESC, id DESC LIMIT 1',
    [asOf],
  );
  return row?.result ?? null;
}

export async function readRedOutcomes(
  db: PgDb,
  since: string,
): Promise<{ coled: WonOfN; solo: WonOfN }> {
  const found = await rows<{ coled: boolean; n: number; won: number }>(
    db.$client,
    `SELECT a.deal_id IS NOT NULL AS coled, count(*) AS n,
       count(*) FILTER (WHERE d.outcome = 'won') AS won
     FROM (SELECT DISTINCT deal_id FROM deal_scores WHERE flag = 'RED' AND as_of >= $1) r
     JOIN deals d ON d.id = r.deal_id
     LEFT JOIN (SELECT DISTINCT deal_id FROM colead_assignments WHERE state = 'approved') a
       ON a.deal_id = d.id
     WHERE d.outcome IS NOT NULL AND d.deleted_at IS NULL
     GROUP BY 1`,
    [since],
  );
  const group = (coled: boolean) => {
    const row = found.find((r) => r.coled === coled);
    return { won: row?.won ?? 0, n: row?.n ?? 0 };
  };
  return { coled: group(true), solo: group(false) };
}
