/**
 * Loading deals into the columnar DealTable from PostgreSQL: the rows streamed (never the
 * whole table in one result) in SQLite's table order (rowid), so both stores feed the
 * builder the same rows in the same order.
 */
import { StringDecoder } from 'node:string_decoder';
import { to as copyTo } from 'pg-copy-streams';
import type { DealStore, StoredDealRef } from '../../app/ports/deal-store.js';
import { asOfDayNumber } from '../../domain/dates.js';
import { zeroPaddedVariants } from '../../domain/deal-ids.js';
import {
  type DealTable,
  DealTableBuilder,
  type DealTableRow,
  TABLE_FIELDS,
} from '../../domain/deal-table.js';
import { DEAL_TABLE_COLUMNS } from '../store-rows/deal-rows.js';
import { type PgDb, rows } from './database.js';
import { readHygiene } from './hygiene-queries.js';
import { readDataVersion } from './pipeline-health.js';
import { readLiveRepIds } from './rep-queries.js';
import { readDataAsOf } from './status-queries.js';

const LOAD_SQL = `SELECT ${DEAL_TABLE_COLUMNS}
  FROM deals WHERE deleted_at IS NULL AND created_date <= $1 ORDER BY rowid`;
const AMOUNT = TABLE_FIELDS.findIndex((f) => f.kind === 'amount');
const WIDTH = TABLE_FIELDS.length;

/** A field of COPY's text format back as a value: \N is null, backslash escapes undone. */
function fromCopyText(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_, c: string) =>
    c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c,
  );
}

/**
 * Every live deal that existed at asOf, streamed out by COPY (text, parsed here: several
 * times faster than rows through the protocol's row messages, which node-postgres turns
 * into values one by one) and fed to the builder as they come.
 */
export async function loadDealTable(db: PgDb, asOf: string): Promise<DealTable> {
  const asOfDay = asOfDayNumber(asOf);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new RangeError(`not a calendar date: "${asOf}"`);
  const client = await db.$client.connect();
  try {
    // one snapshot for the count and the rows
    await client.query('begin isolation level repeatable read read only');
    // the sort by rowid in memory, not in temporary files (a million deals: ~150 MB)
    await client.query("set local work_mem = '512MB'");
    const [counted] = (await client.query('SELECT count(*) AS n FROM deals')).rows as Array<{
      n: number;
    }>;
    const builder = new DealTableBuilder(asOfDay, counted?.n ?? 0);
    // COPY takes no parameters: asOf is checked to be a plain date above
    const stream = client.query(copyTo(`COPY (${LOAD_SQL.replace('$1', `'${asOf}'`)}) TO STDOUT`));
    const decoder = new StringDecoder('utf8'); // a chunk may end inside a character
    let rest = '';
    const row: Array<string | number | null> = new Array(WIDTH);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      let start = 0;
      for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
        let from = start;
        for (let i = 0; i < WIDTH; i++) {
          let to = text.indexOf('\t', from);
          if (to === -1 || to > end) to = end;
          const value = fromCopyText(text.slice(from, to));
          row[i] = i === AMOUNT && value !== null ? Number(value) : value;
          from = to + 1;
        }
        builder.add(row as DealTableRow);
        start = end + 1;
      }
      rest = text.slice(start);
    }
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
  const padded = zeroPaddedVariants(id);
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

export function pgDealStore(db: PgDb): DealStore {
  return {
    dataAsOf: () => readDataAsOf(db),
    loadTable: (asOf) => loadDealTable(db, asOf),
    findRef: (id) => findDealRef(db, id),
    candidateIds: (id) => candidateDealIds(db, id),
    dataVersion: () => readDataVersion(db),
    hygiene: () => readHygiene(db),
    liveRepIds: () => readLiveRepIds(db),
  };
}
