/**
 * Co-lead assignments on PostgreSQL: the SQLite store's queries (adapters/storage/
 * colead-store.ts). Every transition is one conditional UPDATE … RETURNING, so of two
 * clicks on two instances at once exactly one changes the row.
 */
import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type {
  AuditPairing,
  ColeadRow,
  ColeadStore,
  NewColead,
  OpenDeal,
  RepLoad,
} from '../../app/ports/colead-store.js';
import { TRANSITIONS } from '../../domain/colead-state.js';
import { repLoadMap, transitionSet } from '../store-rows/colead-rows.js';
import type { PortRows } from '../store-rows/same-shape.js';
import { type PgDb, rows } from './database.js';
import { coleadAssignments, coleadBatches, coleadWithheld } from './schema.js';

// the port's plain rows and the table's drizzle types must stay the same shape
const rowsMatch: PortRows<ColeadRow, NewColead, typeof coleadAssignments> = true;
void rowsMatch;

/** pg_advisory_xact_lock key space of "one proposal per (deal, owner)" */
const PROPOSAL_LOCK = 0x636f_6c65; // "cole"

const OPEN_DEAL_SQL = `SELECT id, created_date AS "createdDate", assigned_date AS "assignedDate",
  rep_id AS "repId", industry, region, product, lead_source AS "leadSource", stage, amount
  FROM deals WHERE id = $1 AND outcome IS NULL AND deleted_at IS NULL`;

export function pgColeadStore(db: PgDb): ColeadStore {
  const find = async (id: number) =>
    (await db.select().from(coleadAssignments).where(eq(coleadAssignments.id, id)))[0];
  const hasFor = async (dealId: string, ownerRepId: string, on: PgDb = db) =>
    (
      await on
        .select({ id: coleadAssignments.id })
        .from(coleadAssignments)
        .where(
          and(eq(coleadAssignments.dealId, dealId), eq(coleadAssignments.ownerRepId, ownerRepId)),
        )
        .limit(1)
    ).length > 0;

  return {
    find,
    async findOpenForDeal(dealId) {
      const [row] = await db
        .select()
        .from(coleadAssignments)
        .where(
          and(
            eq(coleadAssignments.dealId, dealId),
            inArray(coleadAssignments.state, ['proposed', 'reassigned', 'approved']),
          ),
        )
        .orderBy(desc(coleadAssignments.id))
        .limit(1);
      return row;
    },
    hasFor: (dealId, ownerRepId) => hasFor(dealId, ownerRepId),
    // check and insert under a lock on (deal, owner): two webhooks for the same deal, on
    // two instances, cannot both insert (SQLite: one immediate transaction)
    insertIfNone: (proposal) =>
      db.transaction(async (tx) => {
        await tx.execute(
          sql`select pg_advisory_xact_lock(${PROPOSAL_LOCK}, hashtext(${JSON.stringify([proposal.dealId, proposal.ownerRepId])}))`,
        );
        if (await hasFor(proposal.dealId, proposal.ownerRepId, tx as unknown as PgDb)) return null;
        return (await tx.insert(coleadAssignments).values(proposal).returning())[0]!;
      }),
    async transition(id, action, change) {
      const { from, to } = TRANSITIONS[action];
      const sameRep =
        action === 'reassign' && change.coleadRepId
          ? sql`coalesce(${coleadAssignments.coleadRepId}, '') <> ${change.coleadRepId}`
          : undefined;
      const [updated] = await db
        .update(coleadAssignments)
        .set(transitionSet(to, change))
        .where(
          and(eq(coleadAssignments.id, id), inArray(coleadAssignments.state, [...from]), sameRep),
        )
        .returning();
      if (updated) return { ok: true, row: updated };
      return { ok: false, row: await find(id) };
    },
    async recordMessage(id, channel, messageTs) {
      await db
        .update(coleadAssignments)
        .set({ channel, messageTs })
        .where(eq(coleadAssignments.id, id));
    },
    list(states, limit = 200) {
      const query = db.select().from(coleadAssignments);
      return (states ? query.where(inArray(coleadAssignments.state, states)) : query)
        .orderBy(desc(coleadAssignments.id))
        .limit(limit);
    },
    listExpired: (nowIso) =>
      db
        .select()
        .from(coleadAssignments)
        .where(
          and(
            inArray(coleadAssignments.state, ['proposed', 'reassigned']),
            lte(coleadAssignments.expiresAt, nowIso),
          ),
        )
        .orderBy(asc(coleadAssignments.id)),
    async lastChosenInIndustry(industry) {
      const [row] = await db
        .select({ rep: coleadAssignments.coleadRepId })
        .from(coleadAssignments)
        .where(
          and(eq(coleadAssignments.industry, industry), isNotNull(coleadAssignments.coleadRepId)),
        )
        .orderBy(desc(coleadAssignments.id))
        .limit(1);
      return row?.rep ?? null;
    },
    /**
     * Every rep's load, counted for all reps in one round trip each (the SQLite store
     * counts per rep on first use; a query per rep would be a round trip per rep here).
     */
    async repLoads() {
      const own = await rows<{ rep: string; n: number }>(
        db.$client,
        `select rep_id as rep, count(*) as n from deals
         where outcome is null and deleted_at is null group by rep_id`,
      );
      const advisory = await rows<{ rep: string; n: number }>(
        db.$client,
        `select a.colead_rep_id as rep, count(*) as n from colead_assignments a
         join deals d on d.id = a.deal_id
         where a.state in ('proposed', 'reassigned', 'approved') and a.colead_rep_id is not null
           and d.outcome is null and d.deleted_at is null
         group by a.colead_rep_id`,
      );
      const loads = new Map<string, RepLoad>();
      for (const r of own) loads.set(r.rep, { activeAdvisory: 0, ownOpen: r.n });
      for (const r of advisory) {
        const load = loads.get(r.rep) ?? { activeAdvisory: 0, ownOpen: 0 };
        load.activeAdvisory = r.n;
        loads.set(r.rep, load);
      }
      // a rep with nothing open reads as zeros, as the SQLite counts give
      return repLoadMap(() => ({ activeAdvisory: 0, ownOpen: 0 }), loads);
    },
    async redDealsWithoutProposal(limit = 10_000) {
      const found = await rows<{ id: string }>(
        db.$client,
        `select s.deal_id as id from deal_scores s
         join deals d on d.id = s.deal_id
         where s.as_of = (select max(as_of) from deal_scores) and s.flag = 'RED'
           and d.outcome is null and d.deleted_at is null
           and not exists (select 1 from colead_assignments a
                           where a.deal_id = d.id and a.owner_rep_id = d.rep_id)
         order by s.deal_id limit $1`,
        [limit],
      );
      return found.map((r) => r.id);
    },
    openDeal: async (dealId) => (await rows<OpenDeal>(db.$client, OPEN_DEAL_SQL, [dealId]))[0],
    approvedPairings: (from, to) =>
      rows<AuditPairing>(
        db.$client,
        `SELECT owner_rep_id AS "repId", colead_rep_id AS "coleadRepId", industry, count(*) AS deals
         FROM colead_assignments
         WHERE state = 'approved' AND substr(acted_at, 1, 10) BETWEEN $1 AND $2
         GROUP BY owner_rep_id, colead_rep_id, industry ORDER BY deals DESC`,
        [from, to],
      ),
    startBatch: async (channel, messageTs, postedAt) =>
      (await db.insert(coleadBatches).values({ channel, messageTs, postedAt }).returning())[0]!,
    async joinBatch(id, batchId) {
      await db.update(coleadAssignments).set({ batchId }).where(eq(coleadAssignments.id, id));
    },
    findBatch: async (batchId) =>
      (await db.select().from(coleadBatches).where(eq(coleadBatches.id, batchId)))[0],
    batchRows: (batchId) =>
      db
        .select()
        .from(coleadAssignments)
        .where(eq(coleadAssignments.batchId, batchId))
        .orderBy(coleadAssignments.id),
    async openBatch() {
      const [waiting] = await db
        .select({ batchId: coleadAssignments.batchId })
        .from(coleadAssignments)
        .where(
          and(
            isNotNull(coleadAssignments.batchId),
            inArray(coleadAssignments.state, ['proposed', 'reassigned']),
          ),
        )
        .orderBy(desc(coleadAssignments.batchId))
        .limit(1);
      if (waiting?.batchId == null) return undefined;
      return (
        await db.select().from(coleadBatches).where(eq(coleadBatches.id, waiting.batchId))
      )[0];
    },
    lastWithheld: async () =>
      (await db.select().from(coleadWithheld).orderBy(desc(coleadWithheld.id)).limit(1))[0],
    async recordWithheld({ id, ...notice }) {
      if (id === undefined) await db.insert(coleadWithheld).values(notice);
      else await db.update(coleadWithheld).set(notice).where(eq(coleadWithheld.id, id));
    },
  };
}
