/**
 * Loading deals into the columnar DealTable from PostgreSQL: the rows streamed through a
 * cursor as arrays (no row objects, never the whole table in one result), in SQLite's
 * table order (rowid), so both stores feed the builder the same rows in the same order.
 */
import Cursor from 'pg-cursor';
import type { DealStore, StoredDealRef } from '../../app/ports/deal-store.js';
import { toDayNumber } from '../../domain/dates.js';
import {
  type DealTable,
  DealTableBuilder,
  type DealTableRow,
  TABLE_FIELDS,
} from '../../domain/deal-table.js';
import type { Async } from './async-port.js';
import { type PgDb, rows } from './database.js';
import { readHygiene } from './hygiene-queries.js';
import { readDataVersion } from './pipeline-health.js';
import { readDataAsOf } from './status-queries.js';

const LOAD_SQL = `SELECT ${TABLE_FIELDS.map((f) => f.column).join(', ')}
  FROM deals WHERE deleted_at IS NULL AND created_date <= $1 ORDER BY rowid`;
/** rows per fetch: large enough that the round trips do not count */
const FETCH = 20_000;

export async function loadDealTable(db: PgDb, asOf: string): Promise<DealTable> {
  const asOfDay = toDayNumber(asOf);
  if (Number.isNaN(asOfDay)) throw new RangeError(`not a calendar date: "${asOf}"`);
  const client = await db.$client.connect();
  try {
    // one snapshot for the count and the rows
    await client.query('begin isolation level repeatable read read only');
    const [counted] = (await client.query('SELECT count(*) AS n FROM deals')).rows as Array<{
      n: number;
    }>;
    const builder = new DealTableBuilder(asOfDay, counted?.n ?? 0);
    const cursor = client.query(new Cursor(LOAD_SQL, [asOf], { rowMode: 'array' }));
    for (;;) {
      const batch = (await cursor.read(FETCH)) as unknown as DealTableRow[];
      for (const r of batch) builder.add(r);
      if (batch.length < FETCH) break;
    }
    await cursor.close();
    await client.query('commit');
    return builder.build();
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function findDealRef(db: PgDb, id: string): Promise<StoredDealRef | undefined> {
  const [row] = await rows<StoredDealRef>(
    db.$client,
    'SELECT id, created_date AS "createdDate", deleted_at AS "deletedAt" FROM deals WHERE id = $1',
    [id],
  );
  return row;
}

/** Ids that look like `id` (the SQLite store's candidates, in one round trip). */
export async function candidateDealIds(db: PgDb, id: string): Promise<string[]> {
  const padded: string[] = [];
  const m = /^([^\d]*)0*(\d+)$/.exec(id);
  if (m) {
    const [, prefix, digits] = m as unknown as [string, string, string];
    for (let width = digits.length; width <= digits.length + 6; width++) {
      padded.push(prefix + digits.padStart(width, '0'));
    }
  }
  const found = await rows<{ part: number; pos: number; id: string }>(
    db.$client,
    `(SELECT 0 AS part, 0 AS pos, id FROM deals WHERE lower(id) = lower($1) LIMIT 3)
     UNION ALL
     (SELECT 1, p.pos, (SELECT d.id FROM deals d WHERE lower(d.id) = lower(p.v) LIMIT 1)
        FROM unnest($2::text[]) WITH ORDINALITY AS p(v, pos))
     UNION ALL
     (SELECT 2, 0, id FROM deals WHERE id < $1 ORDER BY id DESC LIMIT 3)
     UNION ALL
     (SELECT 3, 0, id FROM deals WHERE id > $1 ORDER BY id LIMIT 3)`,
    [id, padded],
  );
  const out = new Set<string>();
  for (const r of found) if (r.id !== null) out.add(r.id);
  return [...out];
}

export function pgDealStore(db: PgDb): Async<DealStore> {
  return {
    dataAsOf: () => readDataAsOf(db),
    loadTable: (asOf) => loadDealTable(db, asOf),
    findRef: (id) => findDealRef(db, id),
    candidateIds: (id) => candidateDealIds(db, id),
    dataVersion: () => readDataVersion(db),
    hygiene: () => readHygiene(db),
  };
}
