/**
 * Co-lead assignments. Every transition is one conditional UPDATE (… WHERE state IN the
 * allowed states), so a double click, Slack's retry or two managers at once produce
 * exactly one transition: the loser sees the row as the winner left it.
 */
import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import { type ColeadAction, type ColeadState, TRANSITIONS } from '../../domain/colead-state.js';
import type { Db } from './database.js';
import { coleadAssignments } from './schema.js';

export type ColeadRow = typeof coleadAssignments.$inferSelect;
export type NewColead = typeof coleadAssignments.$inferInsert;

export type TransitionResult =
  | { ok: true; row: ColeadRow }
  | { ok: false; row: ColeadRow | undefined };

export function insertColead(db: Db, proposal: NewColead): ColeadRow {
  return db.insert(coleadAssignments).values(proposal).returning().get();
}

export function findColead(db: Db, id: number): ColeadRow | undefined {
  return db.select().from(coleadAssignments).where(eq(coleadAssignments.id, id)).get();
}

/** The open (proposed or reassigned) assignment of a deal, if any. */
export function findOpenColeadForDeal(db: Db, dealId: string): ColeadRow | undefined {
  return db
    .select()
    .from(coleadAssignments)
    .where(
      and(
        eq(coleadAssignments.dealId, dealId),
        inArray(coleadAssignments.state, ['proposed', 'reassigned', 'approved']),
      ),
    )
    .orderBy(desc(coleadAssignments.id))
    .get();
}

export function transitionColead(
  db: Db,
  id: number,
  action: ColeadAction,
  change: { actedBy: string; actedAt: string; coleadRepId?: string; alternates?: string[] },
): TransitionResult {
  const { from, to } = TRANSITIONS[action];
  const updated = db
    .update(coleadAssignments)
    .set({
      state: to,
      actedBy: change.actedBy,
      actedAt: change.actedAt,
      ...(change.coleadRepId ? { coleadRepId: change.coleadRepId } : {}),
      ...(change.alternates ? { alternates: JSON.stringify(change.alternates) } : {}),
    })
    .where(and(eq(coleadAssignments.id, id), inArray(coleadAssignments.state, [...from])))
    .returning()
    .get();
  if (updated) return { ok: true, row: updated };
  return { ok: false, row: findColead(db, id) };
}

export function recordColeadMessage(db: Db, id: number, channel: string, messageTs: string): void {
  db.update(coleadAssignments)
    .set({ channel, messageTs })
    .where(eq(coleadAssignments.id, id))
    .run();
}

export function listColeads(db: Db, states?: ColeadState[], limit = 200): ColeadRow[] {
  const query = db.select().from(coleadAssignments);
  return (states ? query.where(inArray(coleadAssignments.state, states)) : query)
    .orderBy(desc(coleadAssignments.id))
    .limit(limit)
    .all();
}

/** Open proposals whose expiry time has passed. */
export function listExpiredProposals(db: Db, nowIso: string): ColeadRow[] {
  return db
    .select()
    .from(coleadAssignments)
    .where(
      and(
        inArray(coleadAssignments.state, ['proposed', 'reassigned']),
        lte(coleadAssignments.expiresAt, nowIso),
      ),
    )
    .all();
}
