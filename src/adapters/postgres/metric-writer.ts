/**
 * One as-of date's metrics run (metric_history, deal_scores, rep_audits) and the weekly
 * driver-model fit on PostgreSQL, each replaced in one transaction as on SQLite. The
 * deal scores (one per open deal: hundreds of thousands) go in by COPY.
 */
import type { MetricStore, MetricsRunRows, ModelVersionRow } from '../../app/ports/metric-store.js';
import { AUDIT, METRICS, MODEL_VERSION, SCORES } from '../store-rows/metric-rows.js';
import { copyField, copyLines, type PgDb, rows, transaction } from './database.js';
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

export async function writeMetricsRun(db: PgDb, run: MetricsRunRows): Promise<void> {
  const { asOf, computedAt } = run;
  const line = (values: Array<string | number | null>) => values.map(copyField).join('\t');
  await transaction(db, async (c) => {
    await c.query('DELETE FROM metric_history WHERE as_of = $1', [asOf]);
    await c.query('DELETE FROM deal_scores WHERE as_of = $1', [asOf]);
    await copyLines(
      c,
      'metric_history',
      METRICS.columns,
      run.metrics.map((m) => line(METRICS.cells(asOf, m, computedAt))),
    );
    await copyLines(
      c,
      'deal_scores',
      SCORES.columns,
      run.scores.map((s) => line(SCORES.cells(asOf, s, computedAt))),
    );
    if (run.audit) {
      await c.query('DELETE FROM rep_audits WHERE month = $1', [run.audit.month]);
      await c.query(
        `INSERT INTO rep_audits (${AUDIT.columns}) VALUES ($1, $2, $3, $4)`,
        AUDIT.cells(asOf, run.audit, computedAt),
      );
    }
  });
}

export async function writeModelVersion(
  db: PgDb,
  row: { asOf: string; computedAt: string; model: ModelVersionRow },
): Promise<void> {
  const { asOf, computedAt, model: m } = row;
  await transaction(db, async (c) => {
    await c.query('DELETE FROM model_versions WHERE version = $1 OR as_of = $2', [m.version, asOf]);
    await c.query(
      `INSERT INTO model_versions (${MODEL_VERSION.columns})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      MODEL_VERSION.cells(asOf, m, computedAt),
    );
  });
}

export async function countMetricRows(
  db: PgDb,
  asOf: string,
): Promise<{ metrics: number; scores: number }> {
  const [row] = await rows<{ metrics: number; scores: number }>(
    db.$client,
    `SELECT (SELECT count(*) FROM metric_history WHERE as_of = $1) AS metrics,
            (SELECT count(*) FROM deal_scores WHERE as_of = $1) AS scores`,
    [asOf],
  );
  return row!;
}

/** The metric store: this file's writes and the digest's reads (digest-queries.ts). */
export function pgMetricStore(db: PgDb): MetricStore {
  return {
    writeRun: (run) => writeMetricsRun(db, run),
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
  };
}
