/**
 * The co-lead batch's summary message: one top-level post in the managers' channel listing
 * the RED deals that need a decision (biggest amount first), with the cards as replies in
 * its thread, so 26 proposals are one message to scan, not 26 in a row. Its counts are
 * edited as managers decide (refreshBatch, called wherever a card is refreshed).
 */
import type { ColeadState } from '../../domain/colead-state.js';
import type { FitEvidence } from '../../domain/fit-evidence.js';
import type { ColeadRow } from '../ports/colead-store.js';
import { parseCard } from './card.js';
import type { ColeadDeps, ProposalSummary } from './colead-types.js';

export interface ColeadBatchLine {
  assignmentId: number;
  dealId: string;
  ownerRepId: string;
  coleadRepId: string | null;
  industry: string;
  /** null: the deal has no amount in the CRM */
  amount: number | null;
  state: ColeadState;
}

export interface ColeadBatchView {
  kind: 'batch';
  /** whether fit goes with winning on this data (null: batches stored before it) */
  evidence: FitEvidence | null;
  /** deals the batch listed */
  total: number;
  /** still waiting for a manager (proposed or reassigned) */
  waiting: number;
  counts: Record<ColeadState, number>;
  /** biggest amount first, no amount last */
  lines: ColeadBatchLine[];
}

/**
 * A batch that proposed nothing because fit is weak evidence here: the RED deals it
 * looked at, the co-lead each would have had and its lift, and why nothing was proposed.
 */
export interface WithheldBatchView {
  kind: 'withheld';
  evidence: FitEvidence;
  /** biggest amount first, no amount last */
  lines: ProposalSummary[];
}

export type BatchSummaryView = ColeadBatchView | WithheldBatchView;

const byAmount = (
  a: { amount: number | null; dealId: string },
  b: { amount: number | null; dealId: string },
) => (b.amount ?? -1) - (a.amount ?? -1) || a.dealId.localeCompare(b.dealId);

export function withheldView(lines: ProposalSummary[], evidence: FitEvidence): WithheldBatchView {
  return { kind: 'withheld', evidence, lines: [...lines].sort(byAmount) };
}

export function batchView(rows: ColeadRow[], evidence?: FitEvidence): ColeadBatchView {
  const counts: Record<ColeadState, number> = {
    proposed: 0,
    reassigned: 0,
    approved: 0,
    declined: 0,
    expired: 0,
  };
  const lines = rows.map((row) => {
    counts[row.state]++;
    return {
      assignmentId: row.id,
      dealId: row.dealId,
      ownerRepId: row.ownerRepId,
      coleadRepId: row.coleadRepId,
      industry: row.industry,
      amount: row.card ? parseCard(row).rsfs.deal.amount : null,
      state: row.state,
    };
  });
  // biggest first; a deal with no amount after every one with one
  lines.sort(byAmount);
  const first = rows[0];
  return {
    kind: 'batch',
    evidence: evidence ?? (first?.card ? (parseCard(first).evidence ?? null) : null),
    total: rows.length,
    waiting: counts.proposed + counts.reassigned,
    counts,
    lines,
  };
}

/** Edits a batch's summary to the current states of its proposals. */
export async function refreshBatch(deps: ColeadDeps, batchId: number): Promise<void> {
  const batch = await deps.store.coleads.findBatch(batchId);
  if (!batch) return;
  await deps.messenger.update(
    { channel: batch.channel, ts: batch.messageTs },
    deps.render.batchSummary(batchView(await deps.store.coleads.batchRows(batchId))),
  );
}
