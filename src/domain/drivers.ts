/**
 * The driver model (metrics.md "Driver model"): which facts known at assignment time are
 * associated with winning. Features: industry, region, product and lead source (one-hot,
 * the most common training level as reference), log(amount) and rsfs; never the cycle
 * length, the close date or the stage. Time split: validation = the most recent 20% of
 * closed deals by assignment day, training = deals closed before the first of them.
 */

import { aucRanked, bootstrapAucs, type RankedScores, rankScores } from './auc.js';
import { fromDayNumber } from './dates.js';
import type { Dimension } from './deal.js';
import { type DealTable, hasAmount, OPEN } from './deal-table.js';
import { fitLogistic, linearPredictor, type PackedRows, packRows } from './logistic.js';
import { type RateFigure, rateFigure, Z95 } from './stats.js';
import { cmpLabel } from './win-rate.js';

export const DRIVER_DIMENSIONS: Dimension[] = ['industry', 'region', 'product', 'leadSource'];
export const VALIDATION_SHARE = 0.2;
export const MIN_VALIDATION = 100;
export const MODEL_VERSION = 'drivers-v1';
/** rsfs enters the model per 10 percentage points, which reads better as an odds ratio */
const RSFS_SCALE = 10;

export interface AucFigure {
  value: number | null;
  ci: [number, number] | null;
  undefinedReason?: string;
}

export interface OddsRatio {
  feature: string;
  oddsRatio: number;
  ci: [number, number];
}

/**
 * The combined model as fitted, enough to score a deal it has not seen (model-drift.ts):
 * one coefficient per column, each dimension's label → column (a label without one is the
 * reference level or was not in training: no term), and the centring of the two numbers.
 */
export interface FittedModel {
  names: string[];
  beta: number[];
  columns: Record<string, Record<string, number>>;
  logAmountCol: number;
  rsfsCol: number;
  meanLogAmount: number;
  meanRsfs: number;
  rsfsScale: number;
}

export interface DriversResult {
  asOf: string;
  version: string;
  /** the combined model (null when it could not be fitted) */
  model: FittedModel | null;
  training: { from: string | null; to: string | null; n: number };
  validation: { from: string | null; to: string | null; n: number };
  auc: { rsfs: AucFigure; deal: AucFigure; combined: AucFigure };
  oddsRatios: OddsRatio[];
  cycleBuckets: Array<{ bucket: string } & RateFigure>;
}

export const CYCLE_BUCKETS: Array<{ bucket: string; max: number }> = [
  { bucket: '≤14 days', max: 14 },
  { bucket: '15–30 days', max: 30 },
  { bucket: '31–60 days', max: 60 },
  { bucket: '61–90 days', max: 90 },
  { bucket: '>90 days', max: Number.POSITIVE_INFINITY },
];

/** Descriptive only: the cycle is known at the close, so it can never be a predictor. */
export function cycleBuckets(table: DealTable): Array<{ bucket: string } & RateFigure> {
  const won = new Array<number>(CYCLE_BUCKETS.length).fill(0);
  const n = new Array<number>(CYCLE_BUCKETS.length).fill(0);
  for (let i = 0; i < table.size; i++) {
    const c = table.closed[i]!;
    if (c === OPEN) continue;
    const days = c - table.created[i]!;
    const b = CYCLE_BUCKETS.findIndex((x) => days <= x.max);
    n[b]!++;
    won[b]! += table.won[i]!;
  }
  return CYCLE_BUCKETS.map((x, b) => ({ bucket: x.bucket, ...rateFigure(won[b]!, n[b]!) }));
}

/** The time split: cut = the earliest assignment day of the most recent 20%. */
export function timeSplit(table: DealTable): { cut: number; train: Int32Array; valid: Int32Array } {
  let closedCount = 0;
  let minDay = table.asOf;
  for (let i = 0; i < table.size; i++) {
    if (table.closed[i]! === OPEN) continue;
    closedCount++;
    if (table.assigned[i]! < minDay) minDay = table.assigned[i]!;
  }
  const perDay = new Int32Array(table.asOf - minDay + 1);
  for (let i = 0; i < table.size; i++) {
    if (table.closed[i]! !== OPEN) perDay[table.assigned[i]! - minDay]!++;
  }
  const want = Math.ceil(VALIDATION_SHARE * closedCount);
  let cut = table.asOf + 1;
  let got = 0;
  for (let d = perDay.length - 1; d >= 0 && got < want; d--) {
    got += perDay[d]!;
    cut = minDay + d;
  }
  const train: number[] = [];
  const valid: number[] = [];
  for (let i = 0; i < table.size; i++) {
    const c = table.closed[i]!;
    if (c === OPEN) continue;
    if (table.assigned[i]! >= cut) valid.push(i);
    else if (c < cut) train.push(i);
  }
  return { cut, train: Int32Array.from(train), valid: Int32Array.from(valid) };
}

interface Design {
  cols: number;
  names: string[];
  /** column of each dictionary code per dimension; -1 = reference level */
  colOf: Record<string, Int32Array>;
  colLogAmount: number;
  colRsfs: number;
  meanLogAmount: number;
  meanRsfs: number;
}

function buildDesign(
  table: DealTable,
  train: Int32Array,
  rsfs: Float64Array,
  withRsfs: boolean,
): Design {
  const names = ['(intercept)'];
  const colOf: Record<string, Int32Array> = {};
  for (const dim of DRIVER_DIMENSIONS) {
    const labels = table.labels[dim];
    const count = new Int32Array(labels.length);
    for (const i of train) count[table.codes[dim][i]!]!++;
    const seen = labels.map((_, c) => c).filter((c) => count[c]! > 0);
    seen.sort((a, b) => count[b]! - count[a]! || cmpLabel(labels[a]!, labels[b]!));
    const ref = seen[0];
    const map = new Int32Array(labels.length).fill(-1);
    for (const c of seen.slice(1).sort((a, b) => cmpLabel(labels[a]!, labels[b]!))) {
      map[c] = names.length;
      names.push(`${dim}=${labels[c]} (vs ${labels[ref!]})`);
    }
    colOf[dim] = map;
  }
  let sumLog = 0;
  let withAmount = 0;
  let sumRsfs = 0;
  for (const i of train) {
    // a blank amount is left out of the mean (metrics.md "Missing values")
    const amount = table.amount[i]!;
    if (hasAmount(amount)) {
      sumLog += Math.log(Math.max(amount, 1));
      withAmount++;
    }
    sumRsfs += rsfs[i]! * RSFS_SCALE;
  }
  const colLogAmount = names.length;
  names.push('log(amount) (per ×e)');
  let colRsfs = -1;
  if (withRsfs) {
    colRsfs = names.length;
    names.push('rsfs (per +10pp)');
  }
  return {
    cols: names.length,
    names,
    colOf,
    colLogAmount,
    colRsfs,
    meanLogAmount: withAmount ? sumLog / withAmount : 0,
    meanRsfs: train.length ? sumRsfs / train.length : 0,
  };
}

/**
 * The rows of `subset` under a design: only facts known at assignment are read here.
 * rsfs, when in the design, is each row's last entry, so dropping it gives the deal-only rows.
 */
function rowsOf(table: DealTable, subset: Int32Array, rsfs: Float64Array, d: Design): PackedRows {
  const dims = DRIVER_DIMENSIONS.length;
  const width = 2 + dims + (d.colRsfs >= 0 ? 1 : 0);
  const codes = DRIVER_DIMENSIONS.map((dim) => table.codes[dim]);
  const colOf = DRIVER_DIMENSIONS.map((dim) => d.colOf[dim]!);
  return packRows(
    subset.length,
    d.cols,
    width,
    (r, cols, vals, at) => {
      const i = subset[r]!;
      let m = at;
      cols[m] = 0;
      vals[m++] = 1;
      for (let k = 0; k < dims; k++) {
        const c = colOf[k]![codes[k]![i]!]!;
        if (c >= 0) {
          cols[m] = c;
          vals[m++] = 1;
        }
      }
      // a blank amount sits at the training mean: its centred log(amount) is 0
      const amount = table.amount[i]!;
      cols[m] = d.colLogAmount;
      vals[m++] = hasAmount(amount) ? Math.log(Math.max(amount, 1)) - d.meanLogAmount : 0;
      if (d.colRsfs >= 0) {
        cols[m] = d.colRsfs;
        vals[m++] = rsfs[i]! * RSFS_SCALE - d.meanRsfs;
      }
      return m - at;
    },
    (r) => table.won[subset[r]!]!,
  );
}

/** The same rows without their last entry (rsfs) and without its column. */
function withoutLastColumn(rows: PackedRows): PackedRows {
  return { ...rows, cols: rows.cols - 1, nnz: rows.nnz.map((m) => m - 1) };
}

function undefinedAuc(reason: string): AucFigure {
  return { value: null, ci: null, undefinedReason: reason };
}

function hasBothClasses(table: DealTable, subset: Int32Array): boolean {
  let won = 0;
  for (const i of subset) won += table.won[i]!;
  return won > 0 && won < subset.length;
}

/** `rsfs[i]` is deal i's RSFS at its own assignment day (fit-score.ts). */
export function computeDrivers(table: DealTable, rsfs: Float64Array): DriversResult {
  const { cut, train, valid } = timeSplit(table);
  let trainFrom = Number.POSITIVE_INFINITY;
  let trainTo = Number.NEGATIVE_INFINITY;
  for (const i of train) {
    trainFrom = Math.min(trainFrom, table.assigned[i]!);
    trainTo = Math.max(trainTo, table.closed[i]!);
  }
  let validTo = Number.NEGATIVE_INFINITY;
  for (const i of valid) validTo = Math.max(validTo, table.assigned[i]!);
  const day = (d: number) => (Number.isFinite(d) ? fromDayNumber(d) : null);
  const result: DriversResult = {
    asOf: fromDayNumber(table.asOf),
    version: `${MODEL_VERSION}-${fromDayNumber(table.asOf)}`,
    training: { from: day(trainFrom), to: day(trainTo), n: train.length },
    validation: {
      from: valid.length ? fromDayNumber(cut) : null,
      to: day(validTo),
      n: valid.length,
    },
    model: null,
    auc: { rsfs: undefinedAuc(''), deal: undefinedAuc(''), combined: undefinedAuc('') },
    oddsRatios: [],
    cycleBuckets: cycleBuckets(table),
  };
  const validReason =
    valid.length < MIN_VALIDATION
      ? `only ${valid.length} validation deals (need ${MIN_VALIDATION})`
      : !hasBothClasses(table, valid)
        ? 'validation deals are all of one outcome'
        : null;
  const trainReason = !hasBothClasses(table, train)
    ? 'training deals are all of one outcome'
    : null;
  const y = new Uint8Array(valid.length);
  valid.forEach((i, r) => {
    y[r] = table.won[i]!;
  });

  const rankings: RankedScores[] = [];
  const names: Array<'rsfs' | 'deal' | 'combined'> = [];
  if (validReason === null) {
    rankings.push(rankScores(Float64Array.from(valid, (i) => rsfs[i]!)));
    names.push('rsfs');
  } else {
    result.auc.rsfs = undefinedAuc(validReason);
  }
  const reason = validReason ?? trainReason;
  if (reason !== null) {
    result.auc.deal = undefinedAuc(reason);
    result.auc.combined = undefinedAuc(reason);
  }
  if (trainReason === null) {
    // one design with rsfs as the last column; the deal-only model drops it
    const design = buildDesign(table, train, rsfs, true);
    const trainRows = rowsOf(table, train, rsfs, design);
    const validRows = reason === null ? rowsOf(table, valid, rsfs, design) : null;
    const combinedFit = fitLogistic(trainRows);
    result.model = {
      names: design.names,
      beta: Array.from(combinedFit.beta),
      columns: Object.fromEntries(
        DRIVER_DIMENSIONS.map((dim) => [
          dim,
          Object.fromEntries(
            table.labels[dim]
              .map((label, code) => [label, design.colOf[dim]![code]!] as const)
              .filter(([, col]) => col >= 0),
          ),
        ]),
      ),
      logAmountCol: design.colLogAmount,
      rsfsCol: design.colRsfs,
      meanLogAmount: design.meanLogAmount,
      meanRsfs: design.meanRsfs,
      rsfsScale: RSFS_SCALE,
    };
    for (let j = 1; j < design.cols; j++) {
      const se = Math.sqrt(combinedFit.covariance[j]![j]!);
      const b = combinedFit.beta[j]!;
      result.oddsRatios.push({
        feature: design.names[j]!,
        oddsRatio: Math.exp(b),
        ci: [Math.exp(b - Z95 * se), Math.exp(b + Z95 * se)],
      });
    }
    if (validRows) {
      const dealFit = fitLogistic(withoutLastColumn(trainRows));
      rankings.push(rankScores(linearPredictor(withoutLastColumn(validRows), dealFit.beta)));
      names.push('deal');
      rankings.push(rankScores(linearPredictor(validRows, combinedFit.beta)));
      names.push('combined');
    }
  }
  const intervals = bootstrapAucs(rankings, y);
  names.forEach((key, s) => {
    result.auc[key] = { value: aucRanked(rankings[s]!, y), ci: intervals[s] ?? null };
  });
  return result;
}

export interface DriverShift {
  feature: string;
  before: OddsRatio;
  after: OddsRatio;
}

/**
 * metrics.md "significant shift": the odds ratios whose 95% intervals in this week's model
 * and last week's do not overlap. A feature in only one of the two models is not compared.
 */
export function significantShifts(previous: OddsRatio[], current: OddsRatio[]): DriverShift[] {
  const before = new Map(previous.map((o) => [o.feature, o]));
  const shifts: DriverShift[] = [];
  for (const after of current) {
    const p = before.get(after.feature);
    if (p !== undefined && (after.ci[0] > p.ci[1] || after.ci[1] < p.ci[0])) {
      shifts.push({ feature: after.feature, before: p, after });
    }
  }
  return shifts;
}
