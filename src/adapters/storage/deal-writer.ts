/**
 * The store writes of an import or sync: deals, deal_history, quarantine and the
 * sync_runs row, plus explicit transaction control.
 *
 * Raw prepared better-sqlite3 statements, not drizzle: this is the hot path of a
 * million-row import (one or two statements per row), where drizzle's query building
 * and row mapping cost more than SQLite's own work. The column lists below follow
 * schema.ts (snake_case in SQL); the writer test reads rows back through drizzle, so a
 * schema change that breaks them fails there.
 */
import type { RunCounts } from '../../app/ports/ingest-source.js';
import type { Deal } from '../../domain/deal.js';
import type { Db } from './database.js';

export type UpsertResult = 'inserted' | 'updated' | 'unchanged';

export interface QuarantineEntry {
  line: number | null;
  recordId: string | null;
  raw: string;
  reasons: string[];
}

/** A deal as stored, in the order of DEAL_COLUMNS (for comparing with an incoming Deal). */
export type StoredDeal = [
  createdDate: string,
  closedDate: string | null,
  assignedDate: string | null,
  repId: string,
  industry: string,
  region: string,
  product: string,
  leadSource: string,
  stage: string,
  amount: number,
  cycleDays: number | null,
  outcome: string | null,
  deletedAt: string | null,
];

const VALUE_COLUMNS =
  'created_date, closed_date, assigned_date, rep_id, industry, region, product, lead_source, stage, amount, cycle_days, outcome';

/** An incoming deal's values in the order of VALUE_COLUMNS, for the prepared statements. */
function valuesOf(deal: Deal) {
  return [
    deal.createdDate,
    deal.closedDate,
    deal.assignedDate,
    deal.repId,
    deal.industry,
    deal.region,
    deal.product,
    deal.leadSource,
    deal.stage,
    deal.amount,
    deal.cycleDays,
    deal.outcome,
  ] as const;
}

/** Field names of an incoming deal in the order of VALUE_COLUMNS, for change lists. */
export const DEAL_FIELD_ORDER = [
  'createdDate',
  'closedDate',
  'assignedDate',
  'repId',
  'industry',
  'region',
  'product',
  'leadSource',
  'stage',
  'amount',
  'cycleDays',
  'outcome',
] as const satisfies ReadonlyArray<keyof Deal>;

export interface DealWriterOptions {
  /**
   * 'eager': every new deal also gets an 'insert' row in deal_history at once.
   * 'lazy' (default): a deal's first version is copied into deal_history, with the run
   * and time it was first imported, just before its first change; until then `deals`
   * holds it. Same history, without doubling the writes of a first import
   * (README "Decisions").
   */
  firstVersion?: 'eager' | 'lazy';
}

export function createDealWriter(db: Db, options: DealWriterOptions = {}) {
  const sqlite = db.$client;
  const historyOnInsert = (options.firstVersion ?? 'lazy') === 'eager';
  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  const rollback = sqlite.prepare('ROLLBACK');
  const insertDeal = sqlite.prepare(
    `INSERT INTO deals (id, ${VALUE_COLUMNS}, source, sync_run_id, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const selectRowid = sqlite.prepare('SELECT rowid FROM deals WHERE id = ?').pluck();
  const selectDeal = sqlite
    .prepare(`SELECT ${VALUE_COLUMNS}, deleted_at FROM deals WHERE id = ?`)
    .raw(true);
  const updateDeal = sqlite.prepare(
    `UPDATE deals SET (${VALUE_COLUMNS}, source, sync_run_id, updated_at, deleted_at)
     = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) WHERE id = ?`,
  );
  const insertHistory = sqlite.prepare(
    `INSERT INTO deal_history (deal_id, sync_run_id, change, recorded_at, ${VALUE_COLUMNS})
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const hasHistory = sqlite.prepare('SELECT 1 FROM deal_history WHERE deal_id = ? LIMIT 1').pluck();
  const insertFirstVersion = sqlite.prepare(
    `INSERT INTO deal_history (deal_id, sync_run_id, change, recorded_at, ${VALUE_COLUMNS})
     SELECT id, coalesce(sync_run_id, 0), 'insert', updated_at, ${VALUE_COLUMNS} FROM deals WHERE id = ?`,
  );
  const ensureFirstVersion = (id: string) => {
    if (!historyOnInsert && hasHistory.get(id) === undefined) insertFirstVersion.run(id);
  };
  const insertDeleteHistory = sqlite.prepare(
    `INSERT INTO deal_history (deal_id, sync_run_id, change, recorded_at, ${VALUE_COLUMNS})
     SELECT id, ?, 'delete', ?, ${VALUE_COLUMNS} FROM deals WHERE id = ?`,
  );
  const markDeleted = sqlite.prepare(
    'UPDATE deals SET deleted_at = ?, sync_run_id = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
  );
  const insertQuarantine = sqlite.prepare(
    `INSERT INTO quarantine (sync_run_id, source, line, record_id, raw, reasons, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRun = sqlite.prepare(
    `INSERT INTO sync_runs (source, target, started_at, status) VALUES (?, ?, ?, 'running')`,
  );
  const updateRun = sqlite.prepare(
    `UPDATE sync_runs SET status = ?, finished_at = ?, rows = ?, inserted = ?, updated = ?,
       unchanged = ?, deleted = ?, quarantined = ?, watermark = ?, error = ?, data_as_of = ?
     WHERE id = ?`,
  );
  const insertFailedRun = sqlite.prepare(
    `INSERT INTO sync_runs (source, target, started_at, finished_at, status, error)
     VALUES (?, ?, ?, ?, 'failed', ?)`,
  );
  const newestDates = sqlite
    .prepare('SELECT max(created_date), max(closed_date) FROM deals WHERE deleted_at IS NULL')
    .raw(true);
  // LIMIT 1, not count(*): a one-deal webhook batch must not count a million rows
  const anyDeal = sqlite.prepare('SELECT 1 FROM deals LIMIT 1').pluck();
  const secondaryIndexes = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deals' AND sql IS NOT NULL",
    )
    .raw(true);

  return {
    begin: () => void begin.run(),
    commit: () => void commit.run(),
    rollback: () => {
      if (sqlite.inTransaction) rollback.run();
    },
    get inTransaction() {
      return sqlite.inTransaction;
    },
    isStoreEmpty: () => anyDeal.get() === undefined,

    /**
     * For a bulk load into an empty store: drops the secondary indexes of `deals` and
     * returns a function that recreates them with their exact stored SQL. Building an
     * index once from the loaded rows is much cheaper than a million random inserts
     * into it. Both run inside the import's transaction, so a crash keeps the indexes.
     */
    suspendIndexes(): () => void {
      const indexes = secondaryIndexes.all() as Array<[string, string]>;
      for (const [name] of indexes) sqlite.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
      return () => {
        for (const [, sql] of indexes) sqlite.exec(sql);
      };
    },

    createRun(source: string, target: string, startedAt: string): number {
      return Number(insertRun.run(source, target, startedAt).lastInsertRowid);
    },

    finishRun(
      runId: number,
      status: 'running' | 'succeeded' | 'failed',
      finishedAt: string | null,
      counts: RunCounts,
      extra: { watermark: string | null; error: string | null; dataAsOf: string | null },
    ): void {
      updateRun.run(
        status,
        finishedAt,
        counts.rows,
        counts.inserted,
        counts.updated,
        counts.unchanged,
        counts.deleted,
        counts.quarantined,
        extra.watermark,
        extra.error,
        extra.dataAsOf,
        runId,
      );
    },

    recordFailedRun(
      source: string,
      target: string,
      startedAt: string,
      finishedAt: string,
      error: string,
    ) {
      return Number(
        insertFailedRun.run(source, target, startedAt, finishedAt, error).lastInsertRowid,
      );
    },

    /** The stored version of a deal, or undefined. */
    current(id: string): StoredDeal | undefined {
      return selectDeal.get(id) as StoredDeal | undefined;
    },

    /**
     * Bulk path (a load into an empty store): inserts a new deal and returns its rowid, or
     * null when the id is already stored (a repeat within the same run).
     */
    insertNew(deal: Deal, source: string, runId: number, now: string): number | null {
      const { changes, lastInsertRowid } = runInsert(deal, source, runId, now);
      if (changes === 0) return null;
      if (historyOnInsert) writeHistory(deal, runId, 'insert', now);
      return Number(lastInsertRowid);
    },

    rowidOf(id: string): number {
      return selectRowid.get(id) as number;
    },

    /** Writes one validated deal: insert, update (with history) or nothing when unchanged. */
    upsert(deal: Deal, source: string, runId: number, now: string): UpsertResult {
      const existing = selectDeal.get(deal.id) as StoredDeal | undefined;
      if (existing === undefined) {
        runInsert(deal, source, runId, now);
        if (historyOnInsert) writeHistory(deal, runId, 'insert', now);
        return 'inserted';
      }
      if (sameDeal(deal, existing)) return 'unchanged';
      ensureFirstVersion(deal.id);
      updateDeal.run(...valuesOf(deal), source, runId, now, deal.id);
      writeHistory(deal, runId, 'update', now);
      return 'updated';
    },

    /** Marks a deal deleted by the CRM; false when unknown or already deleted. */
    markDeleted(id: string, runId: number, now: string): boolean {
      if (selectDeal.get(id) === undefined) return false;
      ensureFirstVersion(id);
      if (markDeleted.run(now, runId, now, id).changes === 0) return false;
      insertDeleteHistory.run(runId, now, id);
      return true;
    },

    quarantine(runId: number, source: string, entry: QuarantineEntry, now: string): void {
      insertQuarantine.run(
        runId,
        source,
        entry.line,
        entry.recordId,
        entry.raw,
        JSON.stringify(entry.reasons),
        now,
      );
    },

    /** metrics.md: a file import's as-of is the newest created/closed date in the store. */
    newestDate(): string | null {
      const [created, closed] = newestDates.get() as [string | null, string | null];
      if (created === null) return closed;
      return closed !== null && closed > created ? closed : created;
    },
  };

  function runInsert(deal: Deal, source: string, runId: number, now: string) {
    return insertDeal.run(deal.id, ...valuesOf(deal), source, runId, now);
  }

  function writeHistory(deal: Deal, runId: number, change: 'insert' | 'update', now: string) {
    insertHistory.run(deal.id, runId, change, now, ...valuesOf(deal));
  }
}

export type DealWriter = ReturnType<typeof createDealWriter>;

/** True when the stored version equals the incoming deal and is not marked deleted. */
export function sameDeal(deal: Deal, s: StoredDeal): boolean {
  return (
    s[12] === null &&
    s[0] === deal.createdDate &&
    s[1] === deal.closedDate &&
    s[2] === deal.assignedDate &&
    s[3] === deal.repId &&
    s[4] === deal.industry &&
    s[5] === deal.region &&
    s[6] === deal.product &&
    s[7] === deal.leadSource &&
    s[8] === deal.stage &&
    s[9] === deal.amount &&
    s[10] === deal.cycleDays &&
    s[11] === deal.outcome
  );
}

/** Human list of what differs, e.g. `deal_amount 4253 → 5000`, for duplicate reasons. */
export function describeDifferences(deal: Deal, s: StoredDeal): string[] {
  const names: Record<(typeof DEAL_FIELD_ORDER)[number], string> = {
    createdDate: 'created_date',
    closedDate: 'closed_date',
    assignedDate: 'assigned_date',
    repId: 'sales_rep_id',
    industry: 'industry',
    region: 'region',
    product: 'product_type',
    leadSource: 'lead_source',
    stage: 'deal_stage',
    amount: 'deal_amount',
    cycleDays: 'sales_cycle_days',
    outcome: 'outcome',
  };
  const out: string[] = [];
  DEAL_FIELD_ORDER.forEach((field, i) => {
    const before = s[i] ?? '(empty)';
    const after = deal[field] ?? '(empty)';
    if (before !== after) out.push(`${names[field]} ${before} → ${after}`);
  });
  return out;
}
