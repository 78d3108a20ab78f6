/**
 * The results of dealfit's queries, shared by the CLI (`--json` prints them as they are),
 * the Slack messages and the metrics run. Shapes follow the metric-engine issue and
 * docs/metrics.md. Rates are fractions in [0, 1]; dates are `YYYY-MM-DD`.
 */
import type { Dimension } from '../domain/deal.js';

/** A win rate with its 95% Wilson interval. `rate`/`ci` are null when n = 0. */
export interface RateFigure {
  won: number;
  n: number;
  rate: number | null;
  ci: [number, number] | null;
}

export interface SegmentRate extends RateFigure {
  dimension: Dimension;
  value: string;
  /** n < 30: shown greyed as "low sample", never drives an alert */
  lowSample: boolean;
}

export interface TrendPoint extends RateFigure {
  /** a Sunday ≤ asOf: the rolling-window rate evaluated at that day */
  weekEnd: string;
}

/** One segment's share of the change between the previous and the current window. */
export interface DecompositionRow {
  dimension: Dimension;
  segment: string;
  rateEffect: number;
  mixEffect: number;
  /** rateEffect + mixEffect */
  total: number;
  previous: RateFigure;
  current: RateFigure;
}

export interface WinRateReport {
  asOf: string;
  /** days, or 'all' */
  window: number | 'all';
  overall: RateFigure;
  /** the same-length window just before (null for window = 'all') */
  previous: RateFigure | null;
  segments: SegmentRate[];
  trend: TrendPoint[];
  consecutiveDeclines: number;
  decomposition: DecompositionRow[];
  /** the most negative rate+mix effect over all dimensions, if any is negative */
  biggestContributor: DecompositionRow | null;
}

export type FitSource = 'rep-industry' | 'rep' | 'global';
export type Flag = 'RED' | 'YELLOW' | 'GREEN';

export interface ColeadCandidate {
  repId: string;
  rsfs: number;
  n: number;
}

export interface RsfsReport {
  dealId: string;
  repId: string;
  industry: string;
  /** t: the assignment date used for the history window */
  assignedAt: string;
  raw: { won: number; n: number; rate: number | null };
  rsfs: number;
  /** 90% interval from the Beta posterior */
  ci: [number, number];
  source: FitSource;
  flag: Flag;
  /** the deal's percentile in the reference set, 0..100 */
  percentile: number;
  reference: { size: number; from: string; to: string };
  /** the pooling strength used */
  k: number;
  coleadCandidates: ColeadCandidate[];
  deal: {
    amount: number;
    region: string;
    product: string;
    leadSource: string;
    stage: string;
    createdDate: string;
    closed: boolean;
    /** days from created date to asOf (open deals) or to the close */
    ageDays: number;
  };
  asOf: string;
}

export interface MomentumSegment {
  dimension: Dimension;
  value: string;
  smi: number;
  current: RateFigure;
  previous: RateFigure;
  /** segment's closed deals in the current quarter / all closed deals in it */
  share: number;
  /** two-proportion z-test p-value */
  p: number | null;
  /** survives Benjamini–Hochberg at FDR 0.10 across every tested segment */
  significant: boolean;
}

export interface MomentumReport {
  asOf: string;
  quarter: string;
  previousQuarter: string;
  partial: boolean;
  fdr: number;
  segments: MomentumSegment[];
  mostNegative: MomentumSegment | null;
}

export interface AucFigure {
  value: number | null;
  ci: [number, number] | null;
  /** why value is null (too few validation deals, one class only) */
  undefinedReason?: string;
}

export interface OddsRatio {
  feature: string;
  oddsRatio: number;
  ci: [number, number];
}

export interface DriversReport {
  asOf: string;
  version: string;
  training: { from: string | null; to: string | null; n: number };
  validation: { from: string | null; to: string | null; n: number };
  auc: { rsfs: AucFigure; deal: AucFigure; combined: AucFigure };
  oddsRatios: OddsRatio[];
  /** descriptive only, never a predictor */
  cycleBuckets: Array<{ bucket: string } & RateFigure>;
}

export type Tier = 'TOP PERFORMER' | 'SPECIALIST' | 'AVERAGE' | 'NEEDS COACHING';

export interface AuditIndustry {
  industry: string;
  won: number;
  n: number;
  rate: number;
  /** rate − median_i */
  vsMedian: number;
}

export interface AuditRep {
  repId: string;
  tier: Tier;
  industries: AuditIndustry[];
}

export interface RoutingAdvice {
  repId: string;
  routeTo: AuditIndustry[];
  stop: AuditIndustry[];
}

export interface AuditReport {
  month: string;
  asOf: string;
  window: { from: string; to: string };
  medians: Record<string, number>;
  reps: AuditRep[];
  counts: Record<Tier, number>;
  routing: RoutingAdvice[];
  /** dollars recoverable if NEEDS COACHING reps reached the industry median */
  recoverable: number;
}
