/**
 * The metrics run's rows as column values, in the order of the column lists: metric_history,
 * deal_scores, rep_audits and model_versions, with their JSON payloads (a figure's detail,
 * the audit's and the fit's result) encoded once for both stores.
 */
import type { DealScoreRow, MetricRow, ModelVersionRow } from '../../app/ports/metric-store.js';

export type Cell = string | number | null;

export const METRIC_COLUMNS =
  'as_of, metric, dimension, segment, value, won, n, ci_lo, ci_hi, detail, computed_at';
export const SCORE_COLUMNS =
  'deal_id, as_of, rsfs, ci_lo, ci_hi, raw_won, raw_n, source, flag, percentile, computed_at';
export const AUDIT_COLUMNS = 'month, as_of, result, created_at';
export const MODEL_VERSION_COLUMNS =
  'version, as_of, train_from, train_to, valid_from, valid_to, n_train, n_valid, auc_rsfs, auc_deal, auc_combined, result, created_at';

export const metricCells = (asOf: string, m: MetricRow, computedAt: string): Cell[] => [
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
];

export const scoreCells = (asOf: string, s: DealScoreRow, computedAt: string): Cell[] => [
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
];

export const auditCells = (
  asOf: string,
  audit: { month: string; result: unknown },
  computedAt: string,
): Cell[] => [audit.month, asOf, JSON.stringify(audit.result), computedAt];

export const modelVersionCells = (asOf: string, m: ModelVersionRow, computedAt: string): Cell[] => [
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
];
