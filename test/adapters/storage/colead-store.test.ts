import { describe, expect, it } from 'vitest';
import {
  findOpenColeadForDeal,
  insertColead,
  listExpiredProposals,
  transitionColead,
} from '../../../src/adapters/storage/colead-store.js';
import { createTestDb } from '../../helpers/test-db.js';

function propose(db: ReturnType<typeof createTestDb>, dealId = 'D00001') {
  return insertColead(db, {
    dealId,
    ownerRepId: 'rep_19',
    coleadRepId: 'rep_23',
    alternates: JSON.stringify(['rep_7', 'rep_11']),
    state: 'proposed',
    industry: 'HealthTech',
    proposedAt: '2024-07-01T09:00:00Z',
    expiresAt: '2024-07-08T09:00:00Z',
  });
}

describe('co-lead store transitions', () => {
  it('approves once: the second approval loses and sees who won', () => {
    const db = createTestDb();
    const row = propose(db);
    const first = transitionColead(db, row.id, 'approve', {
      actedBy: 'U_MGR1',
      actedAt: '2024-07-01T10:00:00Z',
    });
    const second = transitionColead(db, row.id, 'approve', {
      actedBy: 'U_MGR2',
      actedAt: '2024-07-01T10:00:01Z',
    });
    expect(first).toMatchObject({ ok: true, row: { state: 'approved', actedBy: 'U_MGR1' } });
    expect(second).toMatchObject({ ok: false, row: { state: 'approved', actedBy: 'U_MGR1' } });
  });

  it('reassigns to an alternate and then approves; declined cannot be approved', () => {
    const db = createTestDb();
    const row = propose(db);
    const reassigned = transitionColead(db, row.id, 'reassign', {
      actedBy: 'U_MGR1',
      actedAt: '2024-07-01T10:00:00Z',
      coleadRepId: 'rep_7',
      alternates: ['rep_23', 'rep_11'],
    });
    expect(reassigned).toMatchObject({
      ok: true,
      row: { state: 'reassigned', coleadRepId: 'rep_7' },
    });
    expect(transitionColead(db, row.id, 'approve', { actedBy: 'U_MGR1', actedAt: 'x' }).ok).toBe(
      true,
    );
    const other = propose(db, 'D00002');
    expect(transitionColead(db, other.id, 'decline', { actedBy: 'U_MGR1', actedAt: 'x' }).ok).toBe(
      true,
    );
    expect(
      transitionColead(db, other.id, 'approve', { actedBy: 'U_MGR2', actedAt: 'y' }),
    ).toMatchObject({
      ok: false,
      row: { state: 'declined' },
    });
  });

  it('finds the proposals past their expiry and the open assignment of a deal', () => {
    const db = createTestDb();
    const row = propose(db);
    expect(listExpiredProposals(db, '2024-07-08T08:59:59Z')).toHaveLength(0);
    expect(listExpiredProposals(db, '2024-07-08T09:00:00Z').map((r) => r.id)).toEqual([row.id]);
    expect(findOpenColeadForDeal(db, 'D00001')?.id).toBe(row.id);
    transitionColead(db, row.id, 'expire', { actedBy: 'dealfit', actedAt: '2024-07-08T09:00:00Z' });
    expect(findOpenColeadForDeal(db, 'D00001')).toBeUndefined();
  });
});
