/** The ColeadStore port on every store kind, as the co-lead workflow uses it. */
import { expect, it } from 'vitest';
import type { ColeadStore } from '../../../src/app/ports/colead-store.js';
import { describeEachStore } from '../../helpers/stores.js';

async function propose(coleads: ColeadStore, dealId = 'D00001') {
  const row = await coleads.insertIfNone({
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

describeEachStore('co-lead store transitions', (opened) => {
  it('approves once: the second approval loses and sees who won', async () => {
    const { coleads } = opened().store;
    const row = await propose(coleads);
    const first = await coleads.transition(row.id, 'approve', {
      actedBy: 'U_MGR1',
      actedAt: '2024-07-01T10:00:00Z',
    });
    const second = await coleads.transition(row.id, 'approve', {
      actedBy: 'U_MGR2',
      actedAt: '2024-07-01T10:00:01Z',
    });
    expect(first).toMatchObject({ ok: true, row: { state: 'approved', actedBy: 'U_MGR1' } });
    expect(second).toMatchObject({ ok: false, row: { state: 'approved', actedBy: 'U_MGR1' } });
  });

  it('reassigns to an alternate and then approves; declined cannot be approved', async () => {
    const { coleads } = opened().store;
    const row = await propose(coleads);
    const reassigned = await coleads.transition(row.id, 'reassign', {
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
      (await coleads.transition(row.id, 'approve', { actedBy: 'U_MGR1', actedAt: 'x' })).ok,
    ).toBe(true);
    const other = await propose(coleads, 'D00002');
    expect(
      (await coleads.transition(other.id, 'decline', { actedBy: 'U_MGR1', actedAt: 'x' })).ok,
    ).toBe(true);
    expect(
      await coleads.transition(other.id, 'approve', { actedBy: 'U_MGR2', actedAt: 'y' }),
    ).toMatchObject({
      ok: false,
      row: { state: 'declined' },
    });
  });

  it('finds the proposals past their expiry and the open assignment of a deal', async () => {
    const { coleads } = opened().store;
    const row = await propose(coleads);
    expect(await coleads.listExpired('2024-07-08T08:59:59Z')).toHaveLength(0);
    expect((await coleads.listExpired('2024-07-08T09:00:00Z')).map((r) => r.id)).toEqual([row.id]);
    expect((await coleads.findOpenForDeal('D00001'))?.id).toBe(row.id);
    await coleads.transition(row.id, 'expire', {
      actedBy: 'dealfit',
      actedAt: '2024-07-08T09:00:00Z',
    });
    expect(await coleads.findOpenForDeal('D00001')).toBeUndefined();
  });
});
