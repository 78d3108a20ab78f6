/**
 * The co-lead workflow's contracts (metrics.md "Co-lead matching"): what it needs (deps,
 * scoring, renderers), what the cards and DMs show, and what a click is and returns.
 */
import type { Lift, RepFit } from '../../domain/co-lead.js';
import type { ColeadState } from '../../domain/colead-state.js';
import type { FitEvidence } from '../../domain/fit-evidence.js';
import type { Messenger, OutgoingMessage } from '../ports/messenger.js';
import type { Store } from '../ports/store.js';
import type { ColeadCandidate, RsfsReport } from '../queries/query-results.js';
import type { BatchSummaryView } from './batch.js';

/** What the matching needs about one deal: its RSFS report and every rep's fit at t. */
export interface DealFit {
  report: RsfsReport;
  owner: RepFit;
  /** every rep's pooled fit in the deal's industry at the deal's assignment time */
  fits: RepFit[];
}

export interface ColeadScoring {
  /** null when the deal does not exist, is closed or deleted (async: it may run in the jobs thread) */
  dealFit(dealId: string): Promise<DealFit | null>;
  /** open deals flagged RED by the latest metrics run */
  redOpenDeals(): Promise<string[]>;
}

/** Everything the card shows; the Slack adapter turns it into Block Kit. */
export interface ColeadCardView {
  assignmentId: number;
  rsfs: RsfsReport;
  colead: ColeadCandidate | null;
  noneReason?: string;
  lift: Lift | null;
  /** whether fit goes with winning on this data (null on cards stored before it) */
  evidence: FitEvidence | null;
  alternates: ColeadCandidate[];
  state: ColeadState;
  actedBy: string | null;
  actedAt: string | null;
  expiresAt: string;
  note: string | null;
  /** reps of this card with no Slack user in DEALFIT_REP_USERS: named, not skipped */
  unmapped: string[];
}

export interface ColeadDmView {
  role: 'owner' | 'colead';
  dealId: string;
  industry: string;
  ownerRepId: string;
  coleadRepId: string;
  ownerUser: string | null;
  coleadUser: string | null;
  ownerRsfs: number;
  coleadRsfs: number;
  lift: Lift | null;
  approvedBy: string;
  /** null = blank in the CRM */
  amount: number | null;
}

export interface ColeadRenderers {
  card(view: ColeadCardView): OutgoingMessage;
  dm(view: ColeadDmView): OutgoingMessage;
  /** the batch's summary message (its cards are replies in its thread) */
  batchSummary(view: BatchSummaryView): OutgoingMessage;
}

export interface ColeadDeps {
  store: Pick<Store, 'coleads'>;
  messenger: Messenger;
  render: ColeadRenderers;
  scoring: ColeadScoring;
  managersChannel: string | undefined;
  managerIds: readonly string[];
  /** a user group whose members are managers too, read at each click */
  managerGroup?: { id: string; members: () => Promise<string[]> } | undefined;
  repUsers: Readonly<Record<string, string>>;
  capRatio: number;
  expiryDays: number;
  /** whether fit goes with winning on this data, from the driver model in use */
  evidence: () => Promise<FitEvidence>;
  /**
   * weak evidence (metrics.md step 6): 'withhold' proposes nothing and says why, 'propose'
   * (DEALFIT_COLEAD_WHEN_WEAK=propose) proposes anyway with the caveat on each card
   */
  whenWeak: 'withhold' | 'propose';
  now: () => Date;
}

/** One proposal as `colead propose --json` lists it (lift in probability units). */
export interface ProposalSummary {
  dealId: string;
  ownerRepId: string;
  coleadRepId: string | null;
  industry: string;
  /** null = blank in the CRM */
  amount: number | null;
  lift: { value: number; ci: [number, number]; credible: boolean } | null;
  alternates: string[];
}

export interface ProposedResult {
  status: 'proposed';
  assignmentId: number | null;
  coleadRepId: string | null;
  proposal: ProposalSummary;
  message: OutgoingMessage;
  posted: { channel: string; ts: string } | null;
  reason: string;
}

export type ProposeResult =
  | ProposedResult
  /** planned but not proposed: fit is weak evidence here and no lift is credible */
  | { status: 'withheld'; proposal: ProposalSummary; reason: string }
  | { status: 'skipped'; reason: string };

/** A click on a co-lead card or under an alert: who clicked where, on which assignment or alert. */
export interface Click {
  assignmentId: number;
  userId: string;
  /** where the click came from, for the ephemeral answer */
  channel: string;
}

export type ClickResult =
  | { status: 'done'; state: ColeadState }
  | { status: 'denied' | 'lost' | 'expired' | 'invalid'; text: string };
