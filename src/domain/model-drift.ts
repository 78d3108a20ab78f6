/**
 * The model-drift safeguard (metrics.md "Alerts", model drift): does the driver model in use
 * still describe the deals closed since it was validated? Two checks on the deals assigned
 * after its validation window and closed by asOf (at least 100): calibration (the observed
 * win rate inside a 95% interval around the mean predicted probability) and ranking (the
 * upper end of their AUC's 95% bootstrap interval not below the lower end of the model's
 * validation AUC).
 */
import { aucRanked, bootstrapAucs, rankScores } from './auc.js';
import { toDayNumber } from './dates.js';
import { type DealTable, OPEN } from './deal-table.js';
import type { AucFigure, FittedModel } from './drivers.js';
import { DRIVER_DIMENSIONS } from './drivers.js';
import { Z95 } from './stats.js';

export const DRIFT_MIN_DEALS = 100;

/** The model's win probability for row `i` of `table` (rsfs: the deal's RSFS at assignment). */
export function predictWin(model: FittedModel, table: DealTable, i: number, rsfs: number): number {
  let eta = model.beta[0]!;
  for (const dim of DRIVER_DIMENSIONS) {
    const label = table.labels[dim][table.codes[dim][i]!]!;
    const col = model.columns[dim]?.[label];
    if (col !== undefined) eta += model.beta[col]!;
  }
  eta +=
    model.beta[model.logAmountCol]! *
    (Math.log(Math.max(table.amount[i]!, 1)) - model.meanLogAmount);
  if (model.rsfsCol >= 0)
    eta += model.beta[model.rsfsCol]! * (rsfs * model.rsfsScale - model.meanRsfs);
  return 1 / (1 + Math.exp(-eta));
}

export interface ModelDrift {
  version: string;
  /** deals assigned after the validation window and closed by asOf */
  n: number;
  /** too few deals to judge: no check was made */
  tooFew: boolean;
  observed: number | null;
  predicted: number | null;
  /** 95% interval of the observed rate if the model's probabilities were right */
  expected: [number, number] | null;
  miscalibrated: boolean;
  auc: AucFigure;
  validationAuc: AucFigure;
  rankingDropped: boolean;
  drift: boolean;
}

export function detectModelDrift(
  table: DealTable,
  rsfs: Float64Array,
  model: { version: string; fitted: FittedModel; validTo: string; validationAuc: AucFigure },
): ModelDrift {
  const after = toDayNumber(model.validTo);
  const rows: number[] = [];
  for (let i = 0; i < table.size; i++) {
    if (table.closed[i] !== OPEN && table.assigned[i]! > after) rows.push(i);
  }
  const base = {
    version: model.version,
    n: rows.length,
    validationAuc: model.validationAuc,
  };
  if (rows.length < DRIFT_MIN_DEALS) {
    return {
      ...base,
      tooFew: true,
      observed: null,
      predicted: null,
      expected: null,
      miscalibrated: false,
      auc: {
        value: null,
        ci: null,
        undefinedReason: `only ${rows.length} deals since the validation window (need ${DRIFT_MIN_DEALS})`,
      },
      rankingDropped: false,
      drift: false,
    };
  }
  const p = Float64Array.from(rows, (i) => predictWin(model.fitted, table, i, rsfs[i]!));
  const y = Uint8Array.from(rows, (i) => table.won[i]!);
  let sumP = 0;
  let varSum = 0;
  let won = 0;
  for (let r = 0; r < rows.length; r++) {
    sumP += p[r]!;
    varSum += p[r]! * (1 - p[r]!);
    won += y[r]!;
  }
  const n = rows.length;
  const predicted = sumP / n;
  const observed = won / n;
  // the sum of independent Bernoulli(p_i): mean Σp, variance Σp(1 − p)
  const half = (Z95 * Math.sqrt(varSum)) / n;
  const expected: [number, number] = [predicted - half, predicted + half];
  const miscalibrated = observed < expected[0] || observed > expected[1];
  const ranked = rankScores(p);
  const value = aucRanked(ranked, y);
  const ci = value === null ? null : (bootstrapAucs([ranked], y)[0] ?? null);
  const auc: AucFigure =
    value === null
      ? { value: null, ci: null, undefinedReason: 'all of one outcome' }
      : { value, ci };
  const rankingDropped =
    auc.ci !== null && model.validationAuc.ci !== null && auc.ci[1] < model.validationAuc.ci[0];
  return {
    ...base,
    tooFew: false,
    observed,
    predicted,
    expected,
    miscalibrated,
    auc,
    rankingDropped,
    drift: miscalibrated || rankingDropped,
  };
}
