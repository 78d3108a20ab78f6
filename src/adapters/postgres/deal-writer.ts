/**
 * The DealWriter on PostgreSQL: the same writes as the SQLite writer (adapters/storage/
 * deal-writer.ts), a batch at a time. A bulk load into a store found empty in the same
 * transaction streams every batch into one COPY into `deals` (the writer tells repeats
 * itself: nothing else writes deals while it holds the writers' lock); a bulk load in a
 * later transaction (a CRM sync commits per batch) COPYs each batch into a temporary
 * staging table and inserts it from there in one statement (ON CONFLICT DO NOTHING tells
 * the repeats); every other write is one statement per batch over arrays (unnest), never
 * one per row. The writer's transaction runs on a client of its own,
 * from `begin` to `commit`/`rollback`, under a transaction-level advisory lock: two
 * imports or syncs take turns, as SQLite's BEGIN IMMEDIATE makes them.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type {
  DealWriter,
  DealWriterOptions,
  StoredDealVersion,
  UpsertResult,
} from '../../app/ports/ingest-store.js';
import type { Deal } from '../../domain/deal.js';
import { DEAL_VALUE_FIELDS } from '../../domain/deal-fields.js';
import { CopyBytes } from './copy-bytes.js';
import { copyBytes, type PgDb, type Queryable, rows, sayGone } from './database.js';
import { RowidTable } from './rowid-table.js';

/** pg_advisory_xact_lock key of the deal writers */
const WRITER_LOCK = 0x6465_616c_7772; // "dealwr"

const VALUE_COLUMNS = DEAL_VALUE_FIELDS.map((f) => f.column);
const VALUES_SQL = VALUE_COLUMNS.join(', ');
/** the PostgreSQL array type of each value column, for unnest */
const ARRAY_TYPES = DEAL_VALUE_FIELDS.map((f) =>
  f.kind === 'amount' ? 'float8[]' : f.kind === 'int' ? 'int4[]' : 'text[]',
);
const N = VALUE_COLUMNS.length;

/** `unnest($first::text[], $first+1::…, …) AS i(id, <values>, ord)`: a batch as a table */
function unnestDeals(first: number): string {
  const arrays = [`$${first}::text[]`, ...ARRAY_TYPES.map((t, i) => `$${first + 1 + i}::${t}`)];
  arrays.push(`$${first + 1 + N}::int4[]`);
  return `unnest(${arrays.join(', ')}) AS i(id, ${VALUES_SQL}, ord)`;
}
const I_VALUES = VALUE_COLUMNS.map((c) => `i.${c}`).join(', ');
const D_VALUES = VALUE_COLUMNS.map((c) => `d.${c}`).join(', ');

/** The batch's columns as arrays: ids, each value column, and the position in the batch. */
function columnsOf(deals: readonly Deal[], positions?: readonly number[]): unknown[] {
  const ids = deals.map((d) => d.id);
  const values = DEAL_VALUE_FIELDS.map((f) => deals.map((d) => d[f.property]));
  return [ids, ...values, positions ?? deals.map((_, i) => i)];
}

/** how much COPY text may wait for the server before the import waits for it (bytes) */
const COPY_AHEAD_BYTES = 8 << 20;

const STAGE = 'deal_stage';
const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (
  ord int4, id text COLLATE "C", ${DEAL_VALUE_FIELDS.map((f, i) => `${f.column} ${ARRAY_TYPES[i]!.slice(0, -2)}${f.kind === 'amount' || f.kind === 'int' ? '' : ' COLLATE "C"'}`).join(', ')}
) ON COMMIT DELETE ROWS`;

/**
 * A deal's values onto COPY bytes (copy-bytes.ts), tab-led: generated once from DEAL_FIELDS
 * with the property reads written out (a loop over the descriptors per row costs a keyed
 * lookup per value; this runs a million times in an import), as the SQLite writer does for
 * its statements.
 */
const copyValues = new Function(
  'w',
  'd',
  `"use strict"; ${DEAL_VALUE_FIELDS.map((f) => {
    if (!/^[A-Za-z]\w*$/.test(f.property)) throw new Error(`not a property name: ${f.property}`);
    return `w.tab(); w.value(d.${f.property});`;
  }).join(' ')}`,
) as (w: CopyBytes, d: Deal) => void;

/** One row of `deals` or of the staging table: its number (rowid or ord), id and values. */
function copyRow(w: CopyBytes, n: number, d: Deal): void {
  w.digits(n);
  w.tab();
  w.text(d.id);
  copyValues(w, d);
  w.endRow();
}

type StoredRow = Record<string, string | number | null>;

/** A string as an SQL literal (DDL takes no parameters). */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

function versionOf(r: StoredRow): StoredDealVersion {
  const v: Record<string, unknown> = { deletedAt: r.deleted_at };
  for (const f of DEAL_VALUE_FIELDS) v[f.property] = r[f.column];
  return v as unknown as StoredDealVersion;
}

function sameAsStored(d: Deal, s: StoredRow): boolean {
  if (s.deleted_at !== null) return false;
  for (const f of DEAL_VALUE_FIELDS) if (s[f.column] !== d[f.property]) return false;
  return true;
}

export function createPgDealWriter(db: PgDb, options: DealWriterOptions = {}): DealWriter {
  const eager = (options.firstVersion ?? 'lazy') === 'eager';
  let client: pg.PoolClient | null = null;
  let staged = false;
  /** the store was empty when this transaction looked (isStoreEmpty), under the lock */
  let emptyHere = false;
  /** the open COPY into deals of a bulk load, and the rowid it gave each id */
  let copy: { stream: pg.Submittable & Writable; done: Promise<unknown> } | null = null;
  let copyError: unknown = null;
  let defaultsSet = false;
  const copied = new RowidTable();
  const bytes = new CopyBytes();
  let lastRowid = 0;
  /** the open transaction's client, else the pool (one statement, its own transaction) */
  const on = (): Queryable => client ?? db.$client;

  /**
   * Ends the open COPY (a client runs one statement at a time) and moves the rowid
   * sequence past the rowids it wrote: the writes after it take their rowid from there.
   */
  async function endCopy(): Promise<void> {
    const open = copy;
    if (!open) return;
    copy = null;
    open.stream.end();
    await open.done;
    if (copyError) throw copyError;
    await client!.query("SELECT setval(pg_get_serial_sequence('deals', 'rowid'), $1)", [
      Math.max(lastRowid, 1),
    ]);
    if (defaultsSet) {
      defaultsSet = false;
      await client!.query(
        `ALTER TABLE deals ALTER COLUMN source DROP DEFAULT,
           ALTER COLUMN sync_run_id DROP DEFAULT, ALTER COLUMN updated_at DROP DEFAULT`,
      );
    }
  }

  /** Every statement but the COPY's goes through here: the COPY ends first. */
  async function ready(): Promise<Queryable> {
    await endCopy();
    return on();
  }

  async function end(statement: 'commit' | 'rollback'): Promise<void> {
    const c = client;
    if (!c) return;
    let broken = false;
    try {
      await endCopy();
    } catch (error) {
      if (statement === 'commit') {
        await end('rollback');
        throw error;
      }
      broken = true;
    }
    client = null;
    staged = false;
    emptyHere = false;
    copied.clear();
    try {
      if (broken) throw new Error('the COPY failed: the connection is dropped');
      await c.query(statement);
      c.release();
    } catch (error) {
      c.release(true);
      if (statement === 'commit') throw error;
    }
  }

  /** The direct path of insertNewMany: each new deal onto the open COPY, repeats told here. */
  async function copyNew(deals: readonly Deal[], source: string, runId: number, now: string) {
    if (!copy) {
      copyError = null;
      // The run's constant columns as the columns' defaults for this transaction (rolled
      // back with it, reset before it commits): a third less for the COPY to carry and
      // parse than each row spelling them out.
      const c = client!;
      await c.query(
        `ALTER TABLE deals ALTER COLUMN source SET DEFAULT ${literal(source)},
           ALTER COLUMN sync_run_id SET DEFAULT ${Math.trunc(runId)},
           ALTER COLUMN updated_at SET DEFAULT ${literal(now)}`,
      );
      defaultsSet = true;
      const stream = c.query(copyFrom(`COPY deals (rowid, id, ${VALUES_SQL}) FROM STDIN`));
      const done = finished(stream).catch((error: unknown) => {
        copyError = sayGone(db, error);
      });
      copy = { stream, done };
    }
    const result = new Array<number | null>(deals.length);
    for (let i = 0; i < deals.length; i++) {
      const d = deals[i]!;
      if (copied.addNew(d.id, lastRowid + 1) !== undefined) {
        result[i] = null;
        continue;
      }
      const rowid = ++lastRowid;
      result[i] = rowid;
      copyRow(bytes, rowid, d);
    }
    // taken before the error check: a failed COPY's rows must not lead the next one's
    const chunk = bytes.take();
    if (copyError) throw copyError;
    if (chunk.length > 0) copy.stream.write(chunk);
    // Wait only once a few batches are in flight: waiting for every batch to drain left this
    // thread idle while the server parsed it (a sixth of a 1M-row import), when it could be
    // reading the next batch meanwhile.
    if (copy.stream.writableLength > COPY_AHEAD_BYTES) {
      await Promise.race([once(copy.stream, 'drain'), copy.done]);
      if (copyError) throw copyError;
    }
    return result;
  }

  /** Stored rows of these ids, with whether each has a history row yet. */
  async function stored(ids: readonly string[]): Promise<Map<string, StoredRow>> {
    const found = await rows<StoredRow>(
      await ready(),
      `SELECT d.id, ${D_VALUES}, d.deleted_at,
         EXISTS (SELECT 1 FROM deal_history h WHERE h.deal_id = d.id) AS has_history
       FROM deals d WHERE d.id = ANY($1::text[])`,
      [ids],
    );
    return new Map(found.map((r) => [r.id as string, r]));
  }

  return {
    async begin() {
      const c = await db.$client.connect();
      try {
        await c.query('begin');
        await c.query('select pg_advisory_xact_lock($1)', [WRITER_LOCK]);
      } catch (error) {
        c.release(true);
        throw error;
      }
      client = c;
    },
    commit: () => end('commit'),
    rollback: () => end('rollback'),

    async isStoreEmpty() {
      // LIMIT 1, not count(*): a one-deal webhook batch must not count a million rows
      const empty = (await rows(await ready(), 'SELECT 1 FROM deals LIMIT 1')).length === 0;
      if (client && empty) emptyHere = true;
      return empty;
    },

    /**
     * Drops the full secondary indexes of `deals` (none in today's schema) and returns a
     * function that recreates them from their stored definitions; both in the import's
     * transaction, so a failed import keeps them. The primary key and the partial indexes
     * (a small share of the rows) stay: the server keeps them up to date while this thread
     * reads and writes the next batch, which on two cores beat building them at the end
     * (1M rows, 7 alternated pairs: 0.09 s slower once, 0.19–1.24 s faster the others).
     * The COPY never meets a duplicate key: the writer tells repeats itself (`copied`).
     */
    async suspendIndexes() {
      const c = await ready();
      const indexes = await rows<{ name: string; definition: string }>(
        c,
        `SELECT x.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
         WHERE i.indrelid = 'deals'::regclass AND NOT i.indisprimary AND i.indpred IS NULL`,
      );
      const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
      for (const { name } of indexes) await c.query(`DROP INDEX ${quote(name)}`);
      return async () => {
        const on = await ready();
        await on.query("SET LOCAL maintenance_work_mem = '256MB'");
        for (const { definition } of indexes) await on.query(definition);
      };
    },

    async createRun(source, target, startedAt) {
      const [row] = await rows<{ id: number }>(
        await ready(),
        `INSERT INTO sync_runs (source, target, started_at, status) VALUES ($1, $2, $3, 'running')
         RETURNING id`,
        [source, target, startedAt],
      );
      return row!.id;
    },

    async finishRun(runId, status, finishedAt, counts, extra) {
      await (await ready()).query(
        `UPDATE sync_runs SET status = $1, finished_at = $2, rows = $3, inserted = $4,
           updated = $5, unchanged = $6, deleted = $7, quarantined = $8, blanks = $9,
           watermark = $10, error = $11, data_as_of = $12
         WHERE id = $13`,
        [
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
        ],
      );
    },

    async recordFailedRun(source, target, startedAt, finishedAt, error) {
      const [row] = await rows<{ id: number }>(
        await ready(),
        `INSERT INTO sync_runs (source, target, started_at, finished_at, status, error)
         VALUES ($1, $2, $3, $4, 'failed', $5) RETURNING id`,
        [source, target, startedAt, finishedAt, error],
      );
      return row!.id;
    },

    async currentMany(ids) {
      const found = await stored(ids);
      return ids.map((id) => {
        const row = found.get(id);
        return row === undefined ? undefined : versionOf(row);
      });
    },

    /**
     * COPY the batch into the staging table, then one INSERT … SELECT in batch order:
     * the rows it returns are the new deals (with their rowid, the insertion number); a
     * deal absent from them was stored already, by this batch or an earlier one.
     */
    async insertNewMany(deals, source, runId, now) {
      if (deals.length === 0) return [];
      if (emptyHere && !eager) return copyNew(deals, source, runId, now);
      const c = (await ready()) as pg.PoolClient;
      if (!staged) {
        await c.query(CREATE_STAGE);
        staged = true;
      }
      await c.query(`TRUNCATE ${STAGE}`);
      const staging = new CopyBytes();
      for (let i = 0; i < deals.length; i++) copyRow(staging, i, deals[i]!);
      await copyBytes(c, STAGE, `ord, id, ${VALUES_SQL}`, staging.take());
      const history = eager
        ? `, h AS (INSERT INTO deal_history (deal_id, sync_run_id, change, recorded_at, ${VALUES_SQL})
             SELECT id, $2, 'insert', $3, ${VALUES_SQL} FROM ins ORDER BY rowid)`
        : '';
      const inserted = await rows<{ id: string; rowid: number }>(
        c,
        `WITH ins AS (
           INSERT INTO deals (id, ${VALUES_SQL}, source, sync_run_id, updated_at)
           SELECT id, ${VALUES_SQL}, $1, $2, $3 FROM ${STAGE} ORDER BY ord
           ON CONFLICT (id) DO NOTHING RETURNING id, rowid, ${VALUES_SQL})${history}
         SELECT id, rowid FROM ins`,
        [source, runId, now],
      );
      const rowids = new Map(inserted.map((r) => [r.id, r.rowid]));
      return deals.map((d) => {
        const rowid = rowids.get(d.id);
        if (rowid === undefined) return null;
        rowids.delete(d.id); // a repeat later in the batch is not new
        return rowid;
      });
    },

    async rowidsOf(ids) {
      const known = ids.map((id) => copied.get(id));
      if (known.every((rowid) => rowid !== undefined)) return known;
      const found = await rows<{ id: string; rowid: number }>(
        await ready(),
        'SELECT id, rowid FROM deals WHERE id = ANY($1::text[])',
        [ids],
      );
      const byId = new Map(found.map((r) => [r.id, r.rowid]));
      return ids.map((id) => byId.get(id)!);
    },

    /**
     * The batch's stored versions in one read, then at most three statements: the history
     * rows in batch order (a changed deal's first version, when lazy, before its update;
     * the new ones' first versions when eager), the updates, the inserts.
     */
    async upsertMany(deals, source, runId, now) {
      if (deals.length === 0) return [];
      const found = await stored(deals.map((d) => d.id));
      const results: UpsertResult[] = new Array(deals.length);
      const inserts: number[] = [];
      const updates: number[] = [];
      for (let i = 0; i < deals.length; i++) {
        const d = deals[i]!;
        const s = found.get(d.id);
        if (s === undefined) {
          results[i] = 'inserted';
          inserts.push(i);
        } else if (sameAsStored(d, s)) {
          results[i] = 'unchanged';
        } else {
          results[i] = 'updated';
          updates.push(i);
        }
      }
      const c = await ready();
      const firstVersions = eager
        ? []
        : updates.filter((i) => !found.get(deals[i]!.id)!.has_history);
      const historyOf = eager ? [...inserts, ...updates].sort((a, b) => a - b) : updates;
      if (historyOf.length > 0) {
        const picked = historyOf.map((i) => deals[i]!);
        const change = historyOf.map((i) => (results[i] === 'inserted' ? 'insert' : 'update'));
        const p = 6 + N; // after run, now, change and the unnest (ids, N values, ord)
        await c.query(
          `INSERT INTO deal_history (deal_id, sync_run_id, change, recorded_at, ${VALUES_SQL})
           SELECT deal_id, sync_run_id, change, recorded_at, ${VALUES_SQL} FROM (
             SELECT f.ord, 0 AS k, d.id AS deal_id, coalesce(d.sync_run_id, 0) AS sync_run_id,
               'insert' AS change, d.updated_at AS recorded_at, ${D_VALUES}
             FROM unnest($${p}::text[], $${p + 1}::int4[]) AS f(id, ord) JOIN deals d ON d.id = f.id
             UNION ALL
             SELECT i.ord, 1, i.id, $1, c.change, $2, ${I_VALUES}
             FROM ${unnestDeals(4)} JOIN unnest($3::text[], $${p + 2}::int4[]) AS c(change, ord)
               ON c.ord = i.ord
           ) x ORDER BY ord, k`,
          [
            runId,
            now,
            change,
            ...columnsOf(picked, historyOf),
            firstVersions.map((i) => deals[i]!.id),
            firstVersions,
            historyOf,
          ],
        );
      }
      if (updates.length > 0) {
        const picked = updates.map((i) => deals[i]!);
        await c.query(
          `UPDATE deals d SET (${VALUES_SQL}, source, sync_run_id, updated_at, deleted_at)
             = (${I_VALUES}, $1, $2, $3, NULL)
           FROM ${unnestDeals(4)} WHERE d.id = i.id`,
          [source, runId, now, ...columnsOf(picked)],
        );
      }
      if (inserts.length > 0) {
        const picked = inserts.map((i) => deals[i]!);
        await c.query(
          `INSERT INTO deals (id, ${VALUES_SQL}, source, sync_run_id, updated_at)
           SELECT i.id, ${I_VALUES}, $1, $2, $3 FROM ${unnestDeals(4)} ORDER BY i.ord
           ON CONFLICT (id) DO NOTHING`,
          [source, runId, now, ...columnsOf(picked)],
        );
      }
      return results;
    },

    /**
     * One read, one history statement (first versions when lazy, then each deletion, in
     * the order given) and one update; an id given twice counts once.
     */
    async markDeletedMany(ids, runId, now) {
      if (ids.length === 0) return 0;
      const found = await stored(ids);
      const seen = new Set<string>();
      const historyIds: string[] = [];
      const historyOrd: number[] = [];
      const historyKind: number[] = [];
      const live: string[] = [];
      ids.forEach((id, ord) => {
        const s = found.get(id);
        if (s === undefined || seen.has(id)) return;
        seen.add(id);
        if (!eager && !s.has_history) {
          historyIds.push(id);
          historyOrd.push(ord);
          historyKind.push(0);
        }
        if (s.deleted_at === null) {
          live.push(id);
          historyIds.push(id);
          historyOrd.push(ord);
          historyKind.push(1);
        }
      });
      const c = await ready();
      if (historyIds.length > 0) {
        await c.query(
          `INSERT INTO deal_history (deal_id, sync_run_id, change, recorded_at, ${VALUES_SQL})
           SELECT d.id,
             CASE WHEN x.k = 0 THEN coalesce(d.sync_run_id, 0) ELSE $1 END,
             CASE WHEN x.k = 0 THEN 'insert' ELSE 'delete' END,
             CASE WHEN x.k = 0 THEN d.updated_at ELSE $2 END, ${D_VALUES}
           FROM unnest($3::text[], $4::int4[], $5::int4[]) AS x(id, ord, k)
           JOIN deals d ON d.id = x.id ORDER BY x.ord, x.k`,
          [runId, now, historyIds, historyOrd, historyKind],
        );
      }
      if (live.length > 0) {
        await c.query(
          `UPDATE deals SET deleted_at = $1, sync_run_id = $2, updated_at = $1
           WHERE id = ANY($3::text[]) AND deleted_at IS NULL`,
          [now, runId, live],
        );
      }
      return live.length;
    },

    async quarantineMany(runId, source, entries, now) {
      if (entries.length === 0) return;
      await (await ready()).query(
        `INSERT INTO quarantine (sync_run_id, source, line, record_id, raw, reasons, created_at)
         SELECT $1, $2, q.line, q.record_id, q.raw, q.reasons, $3
         FROM unnest($4::int4[], $5::text[], $6::text[], $7::text[], $8::int4[])
           AS q(line, record_id, raw, reasons, ord)
         ORDER BY q.ord`,
        [
          runId,
          source,
          now,
          entries.map((e) => e.line),
          entries.map((e) => e.recordId),
          entries.map((e) => e.raw),
          entries.map((e) => JSON.stringify(e.reasons)),
          entries.map((_, i) => i),
        ],
      );
    },

    async newestDate() {
      const [row] = await rows<{ created: string | null; closed: string | null }>(
        await ready(),
        'SELECT max(created_date) AS created, max(closed_date) AS closed FROM deals WHERE deleted_at IS NULL',
      );
      const { created, closed } = row!;
      if (created === null) return closed;
      return closed !== null && closed > created ? closed : created;
    },
  };
}
