import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import type { ColeadStore } from '../../../src/app/ports/colead-store.js';
import { createTestDb } from '../../helpers/test-db.js';

// Through the port, as the co-lead workflow uses it.
const coleads = (db: ReturnType<typeof createTestDb>): ColeadStore => createSqliteStore(db).coleads;

async function propose(db: ReturnType<typeof createTestDb>, dealId = 'D00001') {
  const row = await coleads(db).insertIfNone({
    dealId,
    ownerRepId: 'rep_19',
    coleadRepId: 'rep_23',
    alternates: JSON.stringify(['rep_7', 'rep_11']),
    state: 'proposed',
    industry: 'HealthTech',
    proposedAt: '2024-07-01T09:00:00Z',
    expiresAt: '2024-07-08T09:00:00Z',
  });
  if (!row) throw new Error(`${dealId} already had a proposal`);
  return row;
}

describe('co-lead store transitions', () => {
  it('approves once: the second approval loses and sees who won', async () => {
    const db = createTestDb();
    const row = await propose(db);
    const first = await coleads(db).transition(row.id, 'approve', {
      actedBy: 'U_MGR1',
      actedAt: '2024-07-01T10:00:00Z',
    });
    const second = await coleads(db).transition(row.id, 'approve', {
      actedBy: 'U_MGR2',
      actedAt: '2024-07-01T10:00:01Z',
    });
    expect(first).toMatchObject({ ok: true, row: { state: 'approved', actedBy: 'U_MGR1' } });
    expect(second).toMatchObject({ ok: false, row: { state: 'approved', actedBy: 'U_MGR1' } });
  });

  it('reassigns to an alternate and then approves; declined cannot be approved', async () => {
    const db = createTestDb();
    const row = await propose(db);
    const reassigned = await coleads(db).transition(row.id, 'reassign', {
      actedBy: 'U_MGR1',
      actedAt: '2024-07-01T10:00:00Z',
      coleadRepId: 'rep_7',
      alternates: ['rep_23', 'rep_11'],
    });
    expect(reassigned).toMatchObject({
      ok: true,
      row: { state: 'reassigned', coleadRepId: 'rep_7' },
    });
    expect(
      (await coleads(db).transition(row.id, 'approve', { actedBy: 'U_MGR1', actedAt: 'x' })).ok,
    ).toBe(true);
    const other = await propose(db, 'D00002');
    expect(
      (await coleads(db).transition(other.id, 'decline', { actedBy: 'U_MGR1', actedAt: 'x' })).ok,
    ).toBe(true);
    expect(
      await coleads(db).transition(other.id, 'approve', { actedBy: 'U_MGR2', actedAt: 'y' }),
    ).toMatchObject({
      ok: false,
      row: { state: 'declined' },
    });
  });

  it('finds the proposals past their expiry and the open assignment of a deal', async () => {
    const db = createTestDb();
    const row = await propose(db);
    expect(await coleads(db).listExpired('2024-07-08T08:59:59Z')).toHaveLength(0);
    expect((await coleads(db).listExpired('2024-07-08T09:00:00Z')).map((r) => r.id)).toEqual([
      row.id,
    ]);
    expect((await coleads(db).findOpenForDeal('D00001'))?.id).toBe(row.id);
    await coleads(db).transition(row.id, 'expire', {
      actedBy: 'dealfit',
      actedAt: '2024-07-08T09:00:00Z',
    });
    expect(await coleads(db).findOpenForDeal('D00001')).toBeUndefined();
  });
});
