/**
 * The metrics run's tables as the stores write them: each one's column list and a row's
 * values in that order (metric_history, deal_scores, rep_audits, model_versions), with the
 * JSON payloads (a figure's detail, the audit's and the fit's result) encoded once.
 */
import type { DealScoreRow, MetricRow, ModelVersionRow } from '../../app/ports/metric-store.js';

export type Cell = string | number | null;

export interface RunTable<R> {
  /** the column list, for INSERT … (columns) and COPY … (columns) */
  columns: string;
  /** one row's values, in the order of `columns` */
  cells(asOf: string, row: R, computedAt: string): Cell[];
}

/** ci_lo → ciLo: the port row's field a column holds */
const fieldOf = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * A table of the run: `as_of`, the row's plain fields (`plain`: their columns, each holding
 * the field of its camelCase name), the JSON payload column if any, and the run's time.
 */
function runTable<R>(
  plain: string,
  payload: { column: string; encode: (row: R) => string | null } | null,
  stamp: 'computed_at' | 'created_at',
): RunTable<R> {
  const fields = plain.split(', ').map(fieldOf) as Array<keyof R>;
  return {
    columns: ['as_of', plain, ...(payload ? [payload.column] : []), stamp].join(', '),
    cells(asOf, row, computedAt) {
      const cells: Cell[] = [asOf];
      for (const field of fields) cells.push(row[field] as Cell);
      if (payload) cells.push(payload.encode(row));
      cells.push(computedAt);
      return cells;
    },
  };
}

/** metric_history: one figure of the as-of date */
export const METRICS = runTable<MetricRow>(
  'metric, dimension, segment, value, won, n, ci_lo, ci_hi',
  { column: 'detail', encode: (m) => (m.detail === undefined ? null : JSON.stringify(m.detail)) },
  'computed_at',
);

/** deal_scores: one open deal's RSFS */
export const SCORES = runTable<DealScoreRow>(
  'deal_id, rsfs, ci_lo, ci_hi, raw_won, raw_n, source, flag, percentile',
  null,
  'computed_at',
);

/** rep_audits: the month's audit */
export const AUDIT = runTable<{ month: string; result: unknown }>(
  'month',
  { column: 'result', encode: (a) => JSON.stringify(a.result) },
  'created_at',
);

/** model_versions: one driver-model fit */
export const MODEL_VERSION = runTable<ModelVersionRow>(
  'version, train_from, train_to, valid_from, valid_to, n_train, n_valid, auc_rsfs, auc_deal, auc_combined',
  { column: 'result', encode: (m) => JSON.stringify(m.result) },
  'created_at',
);
