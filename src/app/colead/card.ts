/**
 * The stored card: what a co-lead card was built from, kept with the assignment so any
 * later click or the expiry job re-renders it the same way, with the new state.
 */
import { expectedLift, type Lift, type RepFit } from '../../domain/co-lead.js';
import type { FitEvidence } from '../../domain/fit-evidence.js';
import type { ColeadRow } from '../ports/colead-store.js';
import type { ColeadCandidate, RsfsReport } from '../queries/query-results.js';
import { statFns } from '../stat-fns.js';
import { refreshBatch } from './batch.js';
import type { ColeadCardView, ColeadDeps } from './colead-types.js';

export interface CardData {
  rsfs: RsfsReport;
  owner: RepFit;
  /** the ranked candidates (best first, at most 10) */
  ranked: RepFit[];
  /** m, how many ranked candidates there were (cards stored before it: ranked.length) */
  candidates?: number;
  /** whether fit goes with winning on this data, when the card was proposed */
  evidence?: FitEvidence;
  noneReason?: string;
}

/** The lift of co-lead `repId` over the owner, at the card's Bonferroni level. */
export function liftFor(data: CardData, repId: string | null): Lift | null {
  const fit = repId ? data.ranked.find((f) => f.repId === repId) : undefined;
  if (!fit) return null;
  return expectedLift(fit, data.owner, data.candidates ?? data.ranked.length, statFns);
}

/** how many ranked candidates a card keeps */
export const RANKED_KEPT = 10;

const candidate = (f: RepFit): ColeadCandidate => ({ repId: f.repId, rsfs: f.rsfs, n: f.n });

export function parseCard(row: ColeadRow): CardData {
  if (!row.card) throw new Error(`co-lead ${row.id} has no stored card`);
  return JSON.parse(row.card) as CardData;
}

/** The card as it stands now: the stored data with the row's current state. */
export function cardView(deps: ColeadDeps, row: ColeadRow, data: CardData): ColeadCardView {
  const byRep = new Map(data.ranked.map((f) => [f.repId, f]));
  const coleadFit = row.coleadRepId ? byRep.get(row.coleadRepId) : undefined;
  const alternates = (JSON.parse(row.alternates) as string[])
    .map((id) => byRep.get(id))
    .filter((f): f is RepFit => f !== undefined)
    .map(candidate);
  const reps = [row.ownerRepId, ...(row.coleadRepId ? [row.coleadRepId] : [])];
  return {
    assignmentId: row.id,
    rsfs: data.rsfs,
    colead: coleadFit ? candidate(coleadFit) : null,
    ...(data.noneReason && !coleadFit ? { noneReason: data.noneReason } : {}),
    lift: liftFor(data, row.coleadRepId),
    evidence: data.evidence ?? null,
    alternates,
    state: row.state,
    actedBy: row.actedBy,
    actedAt: row.actedAt,
    expiresAt: row.expiresAt,
    note: row.note,
    unmapped: reps.filter((rep) => !deps.repUsers[rep]),
  };
}

/** Updates the posted card in place (nothing to do when it was never posted). */
export async function refreshCard(deps: ColeadDeps, row: ColeadRow): Promise<void> {
  if (!row.channel || !row.messageTs) return;
  await deps.messenger.update(
    { channel: row.channel, ts: row.messageTs },
    deps.render.card(cardView(deps, row, parseCard(row))),
  );
  // the batch summary's counts follow every card's state
  if (row.batchId !== null) await refreshBatch(deps, row.batchId);
}
