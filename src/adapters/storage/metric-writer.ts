/**
 * Writes one as-of date's metrics run (metric_history, deal_scores, rep_audits) and the
 * weekly driver-model fit (model_versions). Idempotent per as-of date: the date's rows are
 * replaced in one transaction, so a re-run never leaves a mix of old and new figures.
 */
import type { Db } from './database.js';

export interface MetricRow {
  metric: string;
  dimension: string;
  segment: string;
  value: number | null;
  won: number | null;
  n: number | null;
  ciLo: number | null;
  ciHi: number | null;
  detail: unknown;
}

export interface DealScoreRow {
  dealId: string;
  rsfs: number;
  ciLo: number;
  ciHi: number;
  rawWon: number;
  rawN: number;
  source: string;
  flag: string;
  percentile: number;
}

export interface ModelVersionRow {
  version: string;
  trainFrom: string | null;
  trainTo: string | null;
  validFrom: string | null;
  validTo: string | null;
  nTrain: number;
  nValid: number;
  aucRsfs: number | null;
  aucDeal: number | null;
  aucCombined: number | null;
  result: unknown;
}

export interface MetricsRunRows {
  asOf: string;
  computedAt: string;
  metrics: MetricRow[];
  scores: DealScoreRow[];
  audit: { month: string; result: unknown } | null;
}

export function writeMetricsRun(db: Db, rows: MetricsRunRows): void {
  const c = db.$client;
  const { asOf, computedAt } = rows;
  const insertMetric = c.prepare(
    `INSERT INTO metric_history (as_of, metric, dimension, segment, value, won, n, ci_lo, ci_hi, detail, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertScore = c.prepare(
    `INSERT INTO deal_scores (deal_id, as_of, rsfs, ci_lo, ci_hi, raw_won, raw_n, source, flag, percentile, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  c.transaction(() => {
    c.prepare('DELETE FROM metric_history WHERE as_of = ?').run(asOf);
    c.prepare('DELETE FROM deal_scores WHERE as_of = ?').run(asOf);
    for (const m of rows.metrics) {
      insertMetric.run(
        asOf,
        m.metric,
        m.dimension,
        m.segment,
        m.value,
        m.won,
        m.n,
        m.ciLo,
        m.ciHi,
        m.detail === undefined ? null : JSON.stringify(m.detail),
        computedAt,
      );
    }
    for (const s of rows.scores) {
      insertScore.run(
        s.dealId,
        asOf,
        s.rsfs,
        s.ciLo,
        s.ciHi,
        s.rawWon,
        s.rawN,
        s.source,
        s.flag,
        s.percentile,
        computedAt,
      );
    }
    if (rows.audit) {
      c.prepare('DELETE FROM rep_audits WHERE month = ?').run(rows.audit.month);
      c.prepare(
        'INSERT INTO rep_audits (month, as_of, result, created_at) VALUES (?, ?, ?, ?)',
      ).run(rows.audit.month, asOf, JSON.stringify(rows.audit.result), computedAt);
    }
  })();
}

export function countMetricRows(db: Db, asOf: string): { metrics: number; scores: number } {
  const c = db.$client;
  return {
    metrics: c
      .prepare('SELECT count(*) FROM metric_history WHERE as_of = ?')
      .pluck()
      .get(asOf) as number,
    scores: c
      .prepare('SELECT count(*) FROM deal_scores WHERE as_of = ?')
      .pluck()
      .get(asOf) as number,
  };
}

/**
 * Stores one driver-model fit (the weekly job): replaces an earlier fit of the same version
 * or as-of date.
 */
export function writeModelVersion(
  db: Db,
  row: { asOf: string; computedAt: string; model: ModelVersionRow },
): void {
  const c = db.$client;
  const { asOf, computedAt, model: m } = row;
  c.transaction(() => {
    c.prepare('DELETE FROM model_versions WHERE version = ? OR as_of = ?').run(m.version, asOf);
    c.prepare(
      `INSERT INTO model_versions (version, as_of, train_from, train_to, valid_from, valid_to, n_train, n_valid,
         auc_rsfs, auc_deal, auc_combined, result, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      m.version,
      asOf,
      m.trainFrom,
      m.trainTo,
      m.validFrom,
      m.validTo,
      m.nTrain,
      m.nValid,
      m.aucRsfs,
      m.aucDeal,
      m.aucCombined,
      JSON.stringify(m.result),
      computedAt,
    );
  })();
}
