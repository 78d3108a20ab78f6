/**
 * Loading deals into the columnar DealTable, fast: one raw better-sqlite3 statement iterated
 * as arrays (no drizzle row objects), with the as-of cut applied by the builder.
 */

import type { DealStore, StoredDealRef } from '../../app/ports/deal-store.js';
import { asOfDayNumber } from '../../domain/dates.js';
import { zeroPaddedVariants } from '../../domain/deal-ids.js';
import { type DealTable, DealTableBuilder, type DealTableRow } from '../../domain/deal-table.js';
import { DEAL_TABLE_COLUMNS } from '../store-rows/deal-rows.js';
import type { Db } from './database.js';
import { readHygiene } from './hygiene-queries.js';
import { readDataVersion } from './pipeline-health.js';
import { promised } from './promised.js';
import { readLiveRepIds } from './rep-queries.js';
import { readDataAsOf } from './status-queries.js';

/** Rows in the order of TABLE_FIELDS, the builder's input. */
const LOAD_SQL = `SELECT ${DEAL_TABLE_COLUMNS}
  FROM deals WHERE deleted_at IS NULL AND created_date <= ?`;

/** Every live deal that existed at asOf (closed after asOf = open at asOf). */
export function loadDealTable(db: Db, asOf: string): DealTable {
  const asOfDay = asOfDayNumber(asOf);
  const count =
    (db.$client.prepare('SELECT count(*) FROM deals').pluck().get() as number | undefined) ?? 0;
  const builder = new DealTableBuilder(asOfDay, count);
  const stmt = db.$client.prepare(LOAD_SQL).raw(true);
  for (const r of stmt.iterate(asOf) as IterableIterator<DealTableRow>) builder.add(r);
  return builder.build();
}

export function findDealRef(db: Db, id: string): StoredDealRef | undefined {
  return db.$client
    .prepare(
      'SELECT id, created_date AS createdDate, deleted_at AS deletedAt FROM deals WHERE id = ?',
    )
    .get(id) as StoredDealRef | undefined;
}

/**
 * Ids that look like `id`: same id in another case, the same number with other zero
 * padding, and the neighbours in sort order; the caller ranks them.
 */
export function candidateDealIds(db: Db, id: string): string[] {
  const c = db.$client;
  const out = new Set<string>();
  const add = (rows: unknown[]) => {
    for (const r of rows) out.add(r as string);
  };
  add(c.prepare('SELECT id FROM deals WHERE lower(id) = lower(?) LIMIT 3').pluck().all(id));
  for (const variant of zeroPaddedVariants(id)) {
    add(c.prepare('SELECT id FROM deals WHERE id = ? COLLATE NOCASE LIMIT 1').pluck().all(variant));
  }
  add(c.prepare('SELECT id FROM deals WHERE id < ? ORDER BY id DESC LIMIT 3').pluck().all(id));
  add(c.prepare('SELECT id FROM deals WHERE id > ? ORDER BY id LIMIT 3').pluck().all(id));
  return [...out];
}

export function sqliteDealStore(db: Db): DealStore {
  return promised<DealStore>({
    dataAsOf: () => readDataAsOf(db),
    loadTable: (asOf) => loadDealTable(db, asOf),
    findRef: (id) => findDealRef(db, id),
    candidateIds: (id) => candidateDealIds(db, id),
    dataVersion: () => readDataVersion(db),
    hygiene: () => readHygiene(db),
    liveRepIds: () => readLiveRepIds(db),
  });
}
