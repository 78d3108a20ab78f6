/** SQLite-only: better-sqlite3 prepares statements against tables that must exist; PostgreSQL prepares nothing. */
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { createTestDb } from '../../helpers/test-db.js';

describe('the SQLite store', () => {
  it('can be built before the tables exist: it prepares nothing until used', () => {
    const db = createTestDb();
    db.$client.exec('drop table deal_history');
    expect(() => createSqliteStore(db)).not.toThrow();
    db.$client.close();
  });
});
