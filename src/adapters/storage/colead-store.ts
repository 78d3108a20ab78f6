/**
 * Co-lead assignments. Every transition is one conditional UPDATE (… WHERE state IN the
 * allowed states), so a double click, Slack's retry or two managers at once produce
 * exactly one transition: the loser sees the row as the winner left it.
 */
import { and, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type {
  AuditPairing,
  ColeadChange,
  ColeadRow,
  ColeadStore,
  NewColead,
  OpenDeal,
  RepLoad,
  TransitionResult,
} from '../../app/ports/colead-store.js';
import { type ColeadAction, type ColeadState, TRANSITIONS } from '../../domain/colead-state.js';
import { repLoadMap, transitionSet } from '../store-rows/colead-rows.js';
import type { PortRows } from '../store-rows/same-shape.js';
import type { Db } from './database.js';
import { promised } from './promised.js';
import { coleadAssignments, coleadBatches, coleadWithheld } from './schema.js';

// the port's plain rows and the table's drizzle types must stay the same shape
const rowsMatch: PortRows<ColeadRow, NewColead, typeof coleadAssignments> = true;
void rowsMatch;

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
  change: ColeadChange,
): TransitionResult {
  const { from, to } = TRANSITIONS[action];
  // A reassign to the rep already proposed changes nothing: a double click on the same
  // alternate is one transition, like a double click on Approve.
  const sameRep =
    action === 'reassign' && change.coleadRepId
      ? sql`coalesce(${coleadAssignments.coleadRepId}, '') <> ${change.coleadRepId}`
      : undefined;
  const updated = db
    .update(coleadAssignments)
    .set(transitionSet(to, change))
    .where(and(eq(coleadAssignments.id, id), inArray(coleadAssignments.state, [...from]), sameRep))
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

/** Any proposal, in any state, for this deal with this owner (re-assignment starts afresh). */
export function hasColeadFor(db: Db, dealId: string, ownerRepId: string): boolean {
  const row = db
    .select({ id: coleadAssignments.id })
    .from(coleadAssignments)
    .where(and(eq(coleadAssignments.dealId, dealId), eq(coleadAssignments.ownerRepId, ownerRepId)))
    .get();
  return row !== undefined;
}

/** The co-lead chosen most recently in an industry: where its round-robin continues. */
export function lastChosenInIndustry(db: Db, industry: string): string | null {
  const row = db
    .select({ rep: coleadAssignments.coleadRepId })
    .from(coleadAssignments)
    .where(and(eq(coleadAssignments.industry, industry), isNotNull(coleadAssignments.coleadRepId)))
    .orderBy(desc(coleadAssignments.id))
    .limit(1)
    .get();
  return row?.rep ?? null;
}

/** Open deals whose latest score is RED and which have no proposal for their owner yet. */
export function listRedDealsWithoutProposal(db: Db, limit = 10_000): string[] {
  const rows = db.$client
    .prepare(
      `select s.deal_id as id from deal_scores s
       join deals d on d.id = s.deal_id
       where s.as_of = (select max(as_of) from deal_scores) and s.flag = 'RED'
         and d.outcome is null and d.deleted_at is null
         and not exists (select 1 from colead_assignments a
                         where a.deal_id = d.id and a.owner_rep_id = d.rep_id)
       order by s.deal_id limit ?`,
    )
    .all(limit) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/**
 * Per rep: active advisory load (proposed, reassigned or approved co-leads on deals still
 * open) and own open deals, the two numbers the workload cap compares (metrics.md).
 * Counted per rep on first use: a proposal usually looks at three reps, and two indexed
 * counts per rep beat a scan of every open deal on each webhook.
 */
export function lazyRepLoads(db: Db): Map<string, RepLoad> {
  const ownOpen = db.$client
    .prepare(
      'select count(*) from deals where rep_id = ? and outcome is null and deleted_at is null',
    )
    .pluck();
  const advisory = db.$client
    .prepare(
      `select count(*) from colead_assignments a join deals d on d.id = a.deal_id
       where a.colead_rep_id = ? and a.state in ('proposed', 'reassigned', 'approved')
         and d.outcome is null and d.deleted_at is null`,
    )
    .pluck();
  return repLoadMap((rep) => ({
    activeAdvisory: advisory.get(rep) as number,
    ownOpen: ownOpen.get(rep) as number,
  }));
}

const OPEN_DEAL_SQL = `SELECT id, created_date AS createdDate, assigned_date AS assignedDate,
  rep_id AS repId, industry, region, product, lead_source AS leadSource, stage, amount
  FROM deals WHERE id = ? AND outcome IS NULL AND deleted_at IS NULL`;

export function findOpenDeal(db: Db, dealId: string): OpenDeal | undefined {
  return db.$client.prepare(OPEN_DEAL_SQL).get(dealId) as OpenDeal | undefined;
}

/** Pairings approved between two dates (inclusive), per (owner, co-lead, industry). */
export function readApprovedPairings(db: Db, from: string, to: string): AuditPairing[] {
  return db.$client
    .prepare(
      `SELECT owner_rep_id AS repId, colead_rep_id AS coleadRepId, industry, count(*) AS deals
       FROM colead_assignments
       WHERE state = 'approved' AND substr(acted_at, 1, 10) BETWEEN ? AND ?
       GROUP BY owner_rep_id, colead_rep_id, industry ORDER BY deals DESC`,
    )
    .all(from, to) as AuditPairing[];
}

export function sqliteColeadStore(db: Db): ColeadStore {
  return promised<ColeadStore>({
    find: (id) => findColead(db, id),
    findOpenForDeal: (dealId) => findOpenColeadForDeal(db, dealId),
    hasFor: (dealId, ownerRepId) => hasColeadFor(db, dealId, ownerRepId),
    // check and insert in one immediate transaction: two webhooks for the same deal cannot
    // both insert
    insertIfNone: (proposal) =>
      db.$client
        .transaction(() =>
          hasColeadFor(db, proposal.dealId, proposal.ownerRepId)
            ? null
            : insertColead(db, proposal),
        )
        .immediate(),
    transition: (id, action, change) => transitionColead(db, id, action, change),
    recordMessage: (id, channel, messageTs) => recordColeadMessage(db, id, channel, messageTs),
    list: (states, limit) => listColeads(db, states, limit),
    listExpired: (nowIso) => listExpiredProposals(db, nowIso),
    lastChosenInIndustry: (industry) => lastChosenInIndustry(db, industry),
    repLoads: () => lazyRepLoads(db),
    redDealsWithoutProposal: (limit) => listRedDealsWithoutProposal(db, limit),
    openDeal: (dealId) => findOpenDeal(db, dealId),
    approvedPairings: (from, to) => readApprovedPairings(db, from, to),
    startBatch: (channel, messageTs, postedAt) =>
      db.insert(coleadBatches).values({ channel, messageTs, postedAt }).returning().get(),
    joinBatch: (id, batchId) => {
      db.update(coleadAssignments).set({ batchId }).where(eq(coleadAssignments.id, id)).run();
    },
    findBatch: (batchId) =>
      db.select().from(coleadBatches).where(eq(coleadBatches.id, batchId)).get(),
    batchRows: (batchId) =>
      db
        .select()
        .from(coleadAssignments)
        .where(eq(coleadAssignments.batchId, batchId))
        .orderBy(coleadAssignments.id)
        .all(),
    openBatch: () => {
      const waiting = db
        .select({ batchId: coleadAssignments.batchId })
        .from(coleadAssignments)
        .where(
          and(
            isNotNull(coleadAssignments.batchId),
            inArray(coleadAssignments.state, ['proposed', 'reassigned']),
          ),
        )
        .orderBy(desc(coleadAssignments.batchId))
        .get();
      return waiting?.batchId == null
        ? undefined
        : db.select().from(coleadBatches).where(eq(coleadBatches.id, waiting.batchId)).get();
    },
    lastWithheld: () =>
      db.select().from(coleadWithheld).orderBy(desc(coleadWithheld.id)).limit(1).get(),
    recordWithheld: ({ id, ...notice }) => {
      if (id === undefined) db.insert(coleadWithheld).values(notice).run();
      else db.update(coleadWithheld).set(notice).where(eq(coleadWithheld.id, id)).run();
    },
  });
}
