/**
 * The results of dealfit's queries, shared by the CLI (`--json` prints them as they are),
 * the Slack messages and the metrics run. Rates are fractions in [0, 1]; dates are
 * `YYYY-MM-DD`. The domain modules that compute a figure own its shape and its name (one
 * name per result: `WinRateResult` everywhere, never a second one here); this file gathers
 * them for the adapters and adds what only a query knows (a deal's RSFS card).
 */
import type { ColeadCandidate, FitSource, Flag } from '../../domain/fit-score.js';

export type {
  AucFigure,
  DriverShift,
  DriversResult,
  OddsRatio,
} from '../../domain/drivers.js';
export type { ColeadCandidate, FitSource, Flag } from '../../domain/fit-score.js';
export type {
  MomentumResult,
  MomentumSegment,
} from '../../domain/momentum.js';
export type {
  AuditIndustry,
  AuditRep,
  AuditResult,
  RoutingAdvice,
  Tier,
} from '../../domain/rep-audit.js';
/** A win rate with its 95% Wilson interval. `rate`/`ci` are null when n = 0. */
export type { RateFigure } from '../../domain/stats.js';
export type { Velocity } from '../../domain/velocity.js';
export type {
  DecompositionRow,
  SegmentRate,
  TrendPoint,
  WinRateResult,
} from '../../domain/win-rate.js';

/** Why a deal without an industry gets no co-lead (card, `dealfit rsfs`, the propose reason). */
export const NO_COLEAD_WITHOUT_INDUSTRY =
  'no co-lead is proposed: the industry is not set, so there is no industry to match';

export interface RsfsReport {
  dealId: string;
  repId: string;
  /** "(not set)" (NOT_SET) when blank in the CRM (metrics.md "Missing values") */
  industry: string;
  /** t: the assignment date used for the history window */
  assignedAt: string;
  raw: { won: number; n: number; rate: number | null };
  rsfs: number;
  /** 90% interval from the Beta posterior */
  ci: [number, number];
  source: FitSource;
  /**
   * true when the industry is not set: rsfs is the owner's pooled overall rate (source
   * 'rep', or 'global' with fewer than 5 deals), marked "industry not set"
   */
  industryNotSet: boolean;
  flag: Flag;
  /** the deal's percentile in the reference set, 0..100 */
  percentile: number;
  reference: { size: number; from: string; to: string };
  /** the pooling strength of the rep×industry record towards the rep's rate */
  k: number;
  /** the pooling strength of the rep's all-industry rate towards the global one */
  kRep: number;
  coleadCandidates: ColeadCandidate[];
  /** why no co-lead can be proposed for this deal (its industry is not set), else null */
  noColead: string | null;
  deal: {
    /** null = blank in the CRM */
    amount: number | null;
    /** "(not set)" when blank */
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
