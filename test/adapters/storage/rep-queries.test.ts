/** SQLite-only: readLiveRepIds is no port's (local mode reads its SQLite file); store-reads.test.ts holds PostgreSQL's to it. */
import { describe, expect, it } from 'vitest';
import { readLiveRepIds } from '../../../src/adapters/storage/rep-queries.js';
import { deal } from '../../helpers/deal-fixtures.js';
import { insertDeals } from '../../helpers/load-deals.js';
import { createTestDb } from '../../helpers/test-db.js';

describe('readLiveRepIds', () => {
  it('lists each rep of a live deal once and leaves out reps whose deals are all deleted', () => {
    const db = createTestDb();
    expect(readLiveRepIds(db)).toEqual([]);
    const stored = { source: 'test', updatedAt: '2024-06-30T00:00:00Z' };
    insertDeals(db, [
      { ...deal({ repId: 'rep_10' }), ...stored },
      { ...deal({ repId: 'rep_2' }), ...stored },
      { ...deal({ repId: 'rep_2' }), ...stored },
      { ...deal({ repId: 'rep_gone' }), ...stored, deletedAt: '2024-06-01T00:00:00Z' },
    ]);
    expect(readLiveRepIds(db).sort()).toEqual(['rep_10', 'rep_2']);
  });
});
