/**
 * Writes one as-of date's metrics run (metric_history, deal_scores, rep_audits) and the
 * weekly driver-model fit (model_versions). Idempotent per as-of date: the date's rows are
 * replaced in one transaction, so a re-run never leaves a mix of old and new figures.
 */
import type { MetricStore, MetricsRunRows, ModelVersionRow } from '../../app/ports/metric-store.js';
import { AUDIT, METRICS, MODEL_VERSION, SCORES } from '../store-rows/metric-rows.js';
import type { Db } from './database.js';
import {
  countRedOpenDeals,
  readColeadWeek,
  readDriversResultBefore,
  readLatestDriversResult,
  readMetricAtOrBefore,
  readPipeline,
  readRedOutcomes,
  readVelocityAtOrBefore,
} from './digest-queries.js';
import { promised } from './promised.js';

export function writeMetricsRun(db: Db, rows: MetricsRunRows): void {
  const c = db.$client;
  const { asOf, computedAt } = rows;
  const insertMetric = c.prepare(
    `INSERT INTO metric_history (${METRICS.columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertScore = c.prepare(
    `INSERT INTO deal_scores (${SCORES.columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  c.transaction(() => {
    c.prepare('DELETE FROM metric_history WHERE as_of = ?').run(asOf);
    c.prepare('DELETE FROM deal_scores WHERE as_of = ?').run(asOf);
    for (const m of rows.metrics) insertMetric.run(METRICS.cells(asOf, m, computedAt));
    for (const s of rows.scores) insertScore.run(SCORES.cells(asOf, s, computedAt));
    if (rows.audit) {
      c.prepare('DELETE FROM rep_audits WHERE month = ?').run(rows.audit.month);
      c.prepare(`INSERT INTO rep_audits (${AUDIT.columns}) VALUES (?, ?, ?, ?)`).run(
        AUDIT.cells(asOf, rows.audit, computedAt),
      );
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
      `INSERT INTO model_versions (${MODEL_VERSION.columns})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(MODEL_VERSION.cells(asOf, m, computedAt));
  })();
}

/** The metric store: this file's writes and the digest's reads (digest-queries.ts). */
export function sqliteMetricStore(db: Db): MetricStore {
  return promised<MetricStore>({
    writeRun: (rows) => writeMetricsRun(db, rows),
    writeModelVersion: (row) => writeModelVersion(db, row),
    countRows: (asOf) => countMetricRows(db, asOf),
    figureAtOrBefore: (metric, asOf) => readMetricAtOrBefore(db, metric, asOf),
    velocityAtOrBefore: (asOf) => readVelocityAtOrBefore(db, asOf),
    pipeline: () => readPipeline(db),
    countRedOpenDeals: () => countRedOpenDeals(db),
    coleadWeek: (from, to) => readColeadWeek(db, from, to),
    latestDriversResult: () => readLatestDriversResult(db),
    driversResultBefore: (asOf) => readDriversResultBefore(db, asOf),
    redOutcomes: (since) => readRedOutcomes(db, since),
  });
}
