// The reading of one Slack question: the shared contract between the question parser and
// the answers. Plain data only (no zod, no I/O) so the parser and its corpus test agree on it.

export type Intent =
  | 'winrate'
  | 'why'
  | 'deal'
  | 'rep'
  | 'deals'
  | 'momentum'
  | 'audit'
  | 'pipeline'
  | 'coleads'
  | 'help'
  | 'unknown';

export type GroupBy = 'industry' | 'region' | 'product' | 'leadSource' | 'rep';

export type Flag = 'RED' | 'YELLOW' | 'GREEN';

/** Inclusive on both ends, YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

/** Values exactly as stored (e.g. 'FinTech', 'North America', 'rep_19'). */
export interface Filters {
  industry?: string;
  region?: string;
  product?: string;
  leadSource?: string;
  rep?: string;
  flag?: Flag;
  minAmount?: number;
  maxAmount?: number;
  minAgeDays?: number;
}

export interface Understood {
  intent: Intent;
  /** default {} */
  filters: Filters;
  /** default null */
  groupBy: GroupBy | null;
  /** default null: the answer then uses its default window */
  period: Period | null;
  /** default null */
  compareTo: Period | null;
  /** 'D' + 5 digits, default null */
  dealId: string | null;
  /** 'YYYY-MM' for the audit, default null */
  month: string | null;
  /** default []: words taken for values that match nothing, as written */
  notFound: string[];
  /** default []: near misses taken, `from` as written, `to` the stored value */
  corrected: Array<{ from: string; to: string }>;
  /** default false: forecasts and what the deal data cannot answer */
  outOfScope: boolean;
  /**
   * values the question asks to leave out ("excluding SaaS"), as stored: dealfit has no
   * figure "without" a value, so it answers none (set only when there are some; a
   * reading stored before this field had none)
   */
  excluded?: string[];
}
