/**
 * What the metrics run stores and the digest reads back: one as-of date's figures
 * (metric_history, deal_scores, rep_audits), the weekly driver-model fit (model_versions),
 * and the few live reads of the digest (open pipeline, RED deals, co-lead outcomes).
 */

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

export interface StoredFigure {
  asOf: string;
  value: number | null;
  n: number | null;
}

export interface ColeadWeek {
  /** approved pairings on deals still open */
  active: number;
  /** approved pairings whose deal closed won in (from, to] */
  closedWon: number;
  closedLost: number;
  /** mean expected lift of the active pairings */
  meanLift: number | null;
  /** active pairings whose lift's interval lay above 0 when proposed */
  credibleLifts: number;
  /** proposals made in (from, to] and how they stand */
  proposed: number;
  pending: number;
}

export interface WonOfN {
  won: number;
  n: number;
}

export interface MetricStore {
  /** replaces the as-of date's rows in one transaction: re-running a date is safe */
  writeRun(rows: MetricsRunRows): Promise<void>;
  /** replaces an earlier fit of the same version or as-of date, atomically */
  writeModelVersion(row: {
    asOf: string;
    computedAt: string;
    model: ModelVersionRow;
  }): Promise<void>;
  countRows(asOf: string): Promise<{ metrics: number; scores: number }>;
  /** the overall value of `metric` from the newest run with as_of ≤ `asOf` */
  figureAtOrBefore(metric: string, asOf: string): Promise<StoredFigure | null>;
  /** the stored velocity (JSON detail) of the newest run with as_of ≤ `asOf` */
  velocityAtOrBefore(asOf: string): Promise<{ asOf: string; detail: string | null } | null>;
  /** open deals and their summed amount, now */
  /** open deals, their amount, and how many of them have a blank amount (left out of it) */
  pipeline(): Promise<{ openDeals: number; openAmount: number; openWithoutAmount: number }>;
  /** open deals flagged RED by the latest metrics run */
  countRedOpenDeals(): Promise<number>;
  /** co-lead outcomes for the digest; dates YYYY-MM-DD, `from` exclusive */
  coleadWeek(from: string, to: string): Promise<ColeadWeek>;
  /** the stored result (JSON) of the newest driver model, if any */
  latestDriversResult(): Promise<string | null>;
  /** the newest stored model fitted as of a date before `asOf` */
  driversResultBefore(asOf: string): Promise<string | null>;
  /** closed deals flagged RED by a run on or after `since`: with an approved co-lead and without */
  redOutcomes(since: string): Promise<{ coled: WonOfN; solo: WonOfN }>;
}
