/**
 * The open pipeline at a glance, from the latest metrics run's deal scores: what App Home
 * shows. Read by the storage adapter, rendered by the Slack blocks.
 */
import type { HygieneSummary } from '../../domain/deal-fields.js';
import type { Flag } from '../../domain/fit-score.js';

/** An open RED deal, as App Home lists it. */
export interface RedDeal {
  dealId: string;
  repId: string;
  /** "(not set)" when blank */
  industry: string;
  ageDays: number;
  /** null = blank in the CRM */
  amount: number | null;
  rsfs: number;
}

export interface PipelineHealth {
  /** as-of of the deal scores used; null when no metrics run has scored deals yet */
  scoresAsOf: string | null;
  flags: Record<Flag, number>;
  /** open RED deals older than `minAgeDays` at scoresAsOf, oldest first */
  redDeals: RedDeal[];
  /** CRM hygiene: live deals with a blank field, per field */
  hygiene: HygieneSummary;
}
