import type {
  DealWriter,
  DealWriterOptions,
  StoredDealVersion,
  UpsertResult,
} from '../../app/ports/ingest-store.js';
import type { Deal } from '../../domain/deal.js';
import { DEAL_VALUE_FIELDS } from '../../domain/deal-fields.js';
import type { Db } from './database.js';

/** The value columns of deals and deal_history (all but the id), from DEAL_FIELDS. */
const VALUE_COLUMNS = DEAL_VALUE_FIELDS.map((f) => f.column).join(', ');
const VALUES = DEAL_VALUE_FIELDS.map(() => '?').join(', ');

/**
 * A stored deal as `selectDeal` returns it: its values in the order of VALUE_COLUMNS, then
 * deleted_at.
 */
type StoredRow = Array<string | number | null>;

/**
 * The per-row functions, generated once from DEAL_FIELDS: property reads with the names
 * written out bind every value in one call, as fast as hand-written code, where a loop
 * over the descriptor per row would cost a keyed lookup and an array per value (this runs
 * a million times in an import; the bench checks it).
 */
function compile<F>(params: string[], body: string): F {
  return new Function(...params, `"use strict"; ${body}`) as F;
}
const dealValues = DEAL_VALUE_FIELDS.map((f) => {
  if (!/^[A-Za-z]\w*$/.test(f.property)) throw new Error(`not a property name: ${f.property}`);
  return `d.${f.property}`;
}).join(', ');
/** stmt.run(id, values…, a, b, c): an INSERT of a deal */
const runWithIdFirst = compile<
  (stmt: Statement, d: Deal, a: unknown, b: unknown, c: unknown) => Result
>(['stmt', 'd', 'a', 'b', 'c'], `return stmt.run(d.id, ${dealValues}, a, b, c);`);
/** stmt.run(values…, a, b, c, id): an UPDATE … WHERE id = ? */
const runWithIdLast = compile<
  (stmt: Statement, d: Deal, a: unknown, b: unknown, c: unknown) => Result
>(['stmt', 'd', 'a', 'b', 'c'], `return stmt.run(${dealValues}, a, b, c, d.id);`);
/** stmt.run(id, a, b, c, values…): a history row */
const runHistory = compile<
  (stmt: Statement, d: Deal, a: unknown, b: unknown, c: unknown) => Result
>(['stmt', 'd', 'a', 'b', 'c'], `return stmt.run(d.id, a, b, c, ${dealValues});`);
/** True when the stored row equals the incoming deal and is not marked deleted. */
const sameAsStored = compile<(d: Deal, s: StoredRow) => boolean>(
  ['d', 's'],
  `return s[${DEAL_VALUE_FIELDS.length}] === null && ${DEAL_VALUE_FIELDS.map(
    (f, i) => `s[${i}] === d.${f.property}`,
  ).join(' && ')};`,
);
/** The stored row as a StoredDealVersion. */
const versionOf = compile<(s: StoredRow) => StoredDealVersion>(
  ['s'],
  `return { ${DEAL_VALUE_FIELDS.map((f, i) => `${f.property}: s[${i}]`).join(', ')}, deletedAt: s[${DEAL_VALUE_FIELDS.length}] };`,
);

type Statement = { run(...params: unknown[]): Result };
type Result = { changes: number; lastInsertRowid: number | bigint };

export function createDealWriter(db: Db, options: DealWriterOptions = {}): DealWriter {
  const sqlite = db.$client;
  const historyOnInsert = (options.firstVersion ?? 'lazy') === 'eager';
  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  const rollback = sqlite.prepare('ROLLBACK');
  const insertDeal = sqlite.prepare(
    `INSERT INTO deals (id, ${VALUE_COLUMNS}, source, sync_run_id, updated_at)
     VALUES (?, ${VALUES}, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const selectRowid = sqlite.prepare('SELECT rowid FROM deals WHERE id = ?').pluck();
  const selectDeal = sqlite
    .prepare(`SELECT ${VALUE_COLUMNS}, deleted_at FROM deals WHERE id = ?`)
    .raw(true);
  const updateDeal = sqlite.prepare(
    `UPDATE deals SET (${VALUE_COLUMNS}, source, sync_run_id, updated_at, deleted_at)
     = (${VALUES}, ?, ?, ?, NULL) WHERE id = ?`,
  );
  const insertHistory = sqlite.prepare(
    `INSERT INTO deal_history (deal_id, sync_run_id, change, recorded_at, ${VALUE_COLUMNS})
     VALUES (?, ?, ?, ?, ${VALUES})`,
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
       unchanged = ?, deleted = ?, quarantined = ?, blanks = ?, watermark = ?, error = ?,
       data_as_of = ?
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

  // async methods: the port is asynchronous (a networked store); better-sqlite3 answers at
  // once, so each call is a resolved promise and a batch still costs one await.
  return {
    begin: async () => void begin.run(),
    commit: async () => void commit.run(),
    rollback: async () => {
      if (sqlite.inTransaction) rollback.run();
    },
    isStoreEmpty: async () => anyDeal.get() === undefined,

    /**
     * For a bulk load into an empty store: drops the secondary indexes of `deals` and
     * returns a function that recreates them with their exact stored SQL. Building an
     * index once from the loaded rows is much cheaper than a million random inserts
     * into it. Both run inside the import's transaction, so a crash keeps the indexes.
     */
    async suspendIndexes(): Promise<() => Promise<void>> {
      const indexes = secondaryIndexes.all() as Array<[string, string]>;
      for (const [name] of indexes) sqlite.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
      return async () => {
        for (const [, sql] of indexes) sqlite.exec(sql);
      };
    },

    async createRun(source: string, target: string, startedAt: string): Promise<number> {
      return Number(insertRun.run(source, target, startedAt).lastInsertRowid);
    },

    // parameter types from the DealWriter port
    async finishRun(runId, status, finishedAt, counts, extra) {
      updateRun.run(
        status,
        finishedAt,
        counts.rows,
        counts.inserted,
        counts.updated,
        counts.unchanged,
        counts.deleted,
        counts.quarantined,
        JSON.stringify(counts.blanks),
        extra.watermark,
        extra.error,
        extra.dataAsOf,
        runId,
      );
    },

    async recordFailedRun(source, target, startedAt, finishedAt, error) {
      return Number(
        insertFailedRun.run(source, target, startedAt, finishedAt, error).lastInsertRowid,
      );
    },

    async currentMany(ids) {
      return ids.map((id) => {
        const row = selectDeal.get(id) as StoredRow | undefined;
        return row === undefined ? undefined : versionOf(row);
      });
    },

    async insertNewMany(deals, source, runId, now) {
      const rowids = new Array<number | null>(deals.length);
      for (let i = 0; i < deals.length; i++) {
        const deal = deals[i]!;
        const { changes, lastInsertRowid } = runInsert(deal, source, runId, now);
        if (changes === 0) {
          rowids[i] = null;
          continue;
        }
        if (historyOnInsert) writeHistory(deal, runId, 'insert', now);
        rowids[i] = Number(lastInsertRowid);
      }
      return rowids;
    },

    async rowidsOf(ids) {
      return ids.map((id) => selectRowid.get(id) as number);
    },

    async upsertMany(deals, source, runId, now) {
      const results = new Array<UpsertResult>(deals.length);
      for (let i = 0; i < deals.length; i++) results[i] = upsert(deals[i]!, source, runId, now);
      return results;
    },

    async markDeletedMany(ids, runId, now) {
      let deleted = 0;
      for (const id of ids) {
        if (selectDeal.get(id) === undefined) continue;
        ensureFirstVersion(id);
        if (markDeleted.run(now, runId, now, id).changes === 0) continue;
        insertDeleteHistory.run(runId, now, id);
        deleted++;
      }
      return deleted;
    },

    async quarantineMany(runId, source, entries, now) {
      for (const entry of entries) {
        insertQuarantine.run(
          runId,
          source,
          entry.line,
          entry.recordId,
          entry.raw,
          JSON.stringify(entry.reasons),
          now,
        );
      }
    },

    /** metrics.md: a file import's as-of is the newest created/closed date in the store. */
    async newestDate(): Promise<string | null> {
      const [created, closed] = newestDates.get() as [string | null, string | null];
      if (created === null) return closed;
      return closed !== null && closed > created ? closed : created;
    },
  };

  /** Writes one validated deal: insert, update (with history) or nothing when unchanged. */
  function upsert(deal: Deal, source: string, runId: number, now: string): UpsertResult {
    const existing = selectDeal.get(deal.id) as StoredRow | undefined;
    if (existing === undefined) {
      runInsert(deal, source, runId, now);
      if (historyOnInsert) writeHistory(deal, runId, 'insert', now);
      return 'inserted';
    }
    if (sameAsStored(deal, existing)) return 'unchanged';
    ensureFirstVersion(deal.id);
    runWithIdLast(updateDeal, deal, source, runId, now);
    writeHistory(deal, runId, 'update', now);
    return 'updated';
  }

  function runInsert(deal: Deal, source: string, runId: number, now: string) {
    return runWithIdFirst(insertDeal, deal, source, runId, now);
  }

  function writeHistory(deal: Deal, runId: number, change: 'insert' | 'update', now: string) {
    runHistory(insertHistory, deal, runId, change, now);
  }
}
