/**
 * The queries' deal-table cache (app/queries/table-cache.ts) on a real SQLite store: one
 * load per as-of date while the data stand still, a fresh load after an import.
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db } from '../../../src/adapters/storage/database.js';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { withTableCache } from '../../../src/app/queries/table-cache.js';
import { importCsv } from '../../helpers/load-deals.js';
import { createTestDb } from '../../helpers/test-db.js';

const CSV = resolve(import.meta.dirname, '../../fixtures/csv');

describe('withTableCache', () => {
  let db: Db;
  afterEach(() => closeDatabase(db));

  it('loads a table once per as-of date until an import changes the data', async () => {
    db = createTestDb();
    await importCsv(db, `${CSV}/base.csv`);
    const store = createSqliteStore(db);
    let loads = 0;
    const counted = {
      ...store,
      deals: {
        ...store.deals,
        loadTable: (asOf: string) => {
          loads++;
          return store.deals.loadTable(asOf);
        },
      },
    };
    const cached = withTableCache(counted);
    const first = await cached.deals.loadTable('2024-07-20');
    expect(await cached.deals.loadTable('2024-07-20')).toBe(first);
    expect(loads).toBe(1);
    await cached.deals.loadTable('2024-01-01');
    await cached.deals.loadTable('2024-07-20');
    expect(loads).toBe(2);

    await importCsv(db, `${CSV}/base-changed.csv`);
    const after = await cached.deals.loadTable('2024-07-20');
    expect(loads).toBe(3);
    expect(after).not.toBe(first);
    // what the store holds now, not what it held
    expect(after.ids).toEqual((await store.deals.loadTable('2024-07-20')).ids);
    expect(after).toEqual(await store.deals.loadTable('2024-07-20'));
  });
});
