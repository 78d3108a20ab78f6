/**
 * Co-lead assignments behind a port. Every transition is one conditional update (only from
 * the allowed states), so a double click, Slack's retry or two managers at once produce
 * exactly one transition: the loser sees the row as the winner left it.
 */
import type { ColeadAction, ColeadState } from '../../domain/colead-state.js';
import type { Deal } from '../../domain/deal.js';

export interface ColeadRow {
  id: number;
  dealId: string;
  ownerRepId: string;
  coleadRepId: string | null;
  /** JSON array of rep ids */
  alternates: string;
  state: ColeadState;
  industry: string;
  lift: number | null;
  liftLo: number | null;
  liftHi: number | null;
  reason: string | null;
  proposedAt: string;
  expiresAt: string;
  actedBy: string | null;
  actedAt: string | null;
  channel: string | null;
  messageTs: string | null;
  /** what the card was built from (JSON), so a click or the expiry job can re-render it */
  card: string | null;
  /** why it ended the way it did, shown on the card (e.g. expired after 7 days) */
  note: string | null;
  /** the batch whose summary lists it; null for a card posted on its own */
  batchId: number | null;
}

/** A batch's summary message in the managers' channel. */
export interface ColeadBatch {
  id: number;
  channel: string;
  messageTs: string;
  postedAt: string;
}

/**
 * The summary of a batch that proposed nothing because fit is weak evidence on this data
 * (metrics.md "Co-lead matching" step 6): kept so the next day's batch edits it or
 * leaves it alone instead of posting the same news again.
 */
export interface WithheldNotice {
  id: number;
  channel: string;
  messageTs: string;
  /** the withheld deals' ids, sorted, comma-joined */
  dealKey: string;
  /** the driver model the evidence came from (null: none had run) */
  modelAsOf: string | null;
  postedAt: string;
}

/** A new proposal: what it must say; the rest is null (or `[]` alternates) until set. */
type Required = 'dealId' | 'ownerRepId' | 'state' | 'industry' | 'proposedAt' | 'expiresAt';
export type NewColead = Pick<ColeadRow, Required> & Partial<Omit<ColeadRow, 'id' | Required>>;

export interface ColeadChange {
  actedBy: string;
  actedAt: string;
  coleadRepId?: string;
  alternates?: string[];
  note?: string;
}

export type TransitionResult =
  | { ok: true; row: ColeadRow }
  | { ok: false; row: ColeadRow | undefined };

/** The two numbers the workload cap compares (metrics.md "Co-lead matching"). */
export interface RepLoad {
  /** proposed, reassigned or approved co-leads on deals still open */
  activeAdvisory: number;
  ownOpen: number;
}

/** An open deal as the co-lead scoring reads it: no close facts yet. */
export type OpenDeal = Omit<Deal, 'closedDate' | 'cycleDays' | 'outcome'>;

/** A co-lead pairing approved in a month, for the audit's NEEDS COACHING lines. */
export interface AuditPairing {
  repId: string;
  coleadRepId: string;
  industry: string;
  deals: number;
}

export interface ColeadStore {
  find(id: number): Promise<ColeadRow | undefined>;
  /** the open (proposed, reassigned or approved) assignment of a deal, if any */
  findOpenForDeal(dealId: string): Promise<ColeadRow | undefined>;
  /** any proposal, in any state, for this deal with this owner (re-assignment starts afresh) */
  hasFor(dealId: string, ownerRepId: string): Promise<boolean>;
  /**
   * Stores the proposal unless the deal already has one for its owner, atomically: two
   * webhooks for the same deal cannot both insert. Null when one was there.
   */
  insertIfNone(proposal: NewColead): Promise<ColeadRow | null>;
  transition(id: number, action: ColeadAction, change: ColeadChange): Promise<TransitionResult>;
  recordMessage(id: number, channel: string, messageTs: string): Promise<void>;
  /** newest first */
  list(states?: ColeadState[], limit?: number): Promise<ColeadRow[]>;
  /** open proposals whose expiry time has passed */
  listExpired(nowIso: string): Promise<ColeadRow[]>;
  /** the co-lead chosen most recently in an industry: where its round-robin continues */
  lastChosenInIndustry(industry: string): Promise<string | null>;
  /** every rep's load, counted on first use of a rep (a proposal looks at a few reps) */
  repLoads(): Promise<Map<string, RepLoad>>;
  /** open deals whose latest score is RED and which have no proposal for their owner yet */
  redDealsWithoutProposal(limit?: number): Promise<string[]>;
  /** an open, live deal by id (what scoring one deal for a proposal needs) */
  openDeal(dealId: string): Promise<OpenDeal | undefined>;
  /** pairings approved between two dates (inclusive), per (owner, co-lead, industry) */
  approvedPairings(from: string, to: string): Promise<AuditPairing[]>;
  /** records a batch's posted summary message */
  startBatch(channel: string, messageTs: string, postedAt: string): Promise<ColeadBatch>;
  /** lists an assignment in a batch */
  joinBatch(id: number, batchId: number): Promise<void>;
  findBatch(batchId: number): Promise<ColeadBatch | undefined>;
  /** the assignments a batch lists, in the order they joined */
  batchRows(batchId: number): Promise<ColeadRow[]>;
  /** the newest batch with a proposal still waiting for a decision, if any */
  openBatch(): Promise<ColeadBatch | undefined>;
  /** the newest withheld-batch summary, if any */
  lastWithheld(): Promise<WithheldNotice | undefined>;
  /** stores a withheld-batch summary: a new one, or (with its id) its new deal set */
  recordWithheld(notice: Omit<WithheldNotice, 'id'> & { id?: number }): Promise<void>;
}
