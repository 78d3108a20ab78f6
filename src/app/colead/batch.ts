/**
 * The co-lead batch's summary message: one top-level post in the managers' channel listing
 * the RED deals that need a decision (biggest amount first), with the cards as replies in
 * its thread, so 26 proposals are one message to scan, not 26 in a row. Its counts are
 * edited as managers decide (refreshBatch, called wherever a card is refreshed).
 */
import type { ColeadState } from '../../domain/colead-state.js';
import type { ColeadRow } from '../ports/colead-store.js';
import { parseCard } from './card.js';
import type { ColeadDeps } from './colead-types.js';

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
  /** deals the batch listed */
  total: number;
  /** still waiting for a manager (proposed or reassigned) */
  waiting: number;
  counts: Record<ColeadState, number>;
  /** biggest amount first, no amount last */
  lines: ColeadBatchLine[];
}

export function batchView(rows: ColeadRow[]): ColeadBatchView {
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
  lines.sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || a.dealId.localeCompare(b.dealId));
  return { total: rows.length, waiting: counts.proposed + counts.reassigned, counts, lines };
}

/** Edits a batch's summary to the current states of its proposals. */
export async function refreshBatch(deps: ColeadDeps, batchId: number): Promise<void> {
  const batch = deps.store.coleads.findBatch(batchId);
  if (!batch) return;
  await deps.messenger.update(
    { channel: batch.channel, ts: batch.messageTs },
    deps.render.batchSummary(batchView(deps.store.coleads.batchRows(batchId))),
  );
}
