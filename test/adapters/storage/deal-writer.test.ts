/**
 * The DealWriter port on every store kind: what each call of an import and a sync answers,
 * what the other ports read after it, and a rolled-back import that leaves nothing behind.
 */
import { expect, it } from 'vitest';
import type { Deal } from '../../../src/domain/deal.js';
import { dealWriterScenario, scenarioDeal } from '../../helpers/deal-writer-scenario.js';
import { describeEachStore } from '../../helpers/stores.js';

/** a deal's version as currentMany answers it */
function stored(id: string, over: Partial<Deal> = {}, deletedAt: string | null = null) {
  const { id: _, ...values } = scenarioDeal(id, over);
  return { ...values, deletedAt };
}

describeEachStore('deal writer', (opened) => {
  for (const firstVersion of ['lazy', 'eager'] as const) {
    it(`answers an import and a sync call by call (${firstVersion} first versions)`, async () => {
      const { store } = opened();
      expect(await dealWriterScenario(await store.ingest.openWriter({ firstVersion }))).toEqual([
        true, // the store is empty
        1, // the run's id
        [true, true, false], // D1, D2, and D1 again: a repeat within the batch
        [true, false], // D3, and D2 again: a repeat across batches
        true, // the repeat's insertion number is its first occurrence's
        [stored('D1'), undefined],
        false, // the store is no longer empty
        ['updated', 'unchanged', 'inserted', 'updated'],
        2, // D2 and D4 deleted; D9 unknown, D2 named twice
        [
          stored('D1', { outcome: 'won', closedDate: '2024-06-30', cycleDays: 177 }),
          undefined,
          stored('D2', { amount: null, industry: null }, '2024-07-02T06:00:00.000Z'),
        ],
        ['updated'], // the deleted D2 comes back
        '2024-06-30', // the newest created or closed date
        3, // the failed run's id
      ]);
      expect((await store.ingest.liveDealIds('salesforce')).sort()).toEqual(['D1', 'D2', 'D3']);
      expect(await store.ingest.storedRepId('D3')).toBe('rep_2');
      expect(await store.deals.findRef('D4')).toEqual({
        id: 'D4',
        createdDate: '2024-01-05',
        deletedAt: '2024-07-02T06:00:00.000Z',
      });
      expect(await store.deals.dataAsOf()).toBe('2024-01-05');
      expect(await store.syncs.health('salesforce')).toEqual({
        source: 'salesforce',
        consecutiveFailures: 1,
        failingSince: '2024-07-02T06:00:00.000Z',
        lastError: 'boom',
        lastSuccessAt: null,
        lastGoodDataAsOf: null,
      });
    });
  }

  it('rolls back: a failed import leaves nothing behind', async () => {
    const { store } = opened();
    const w = await store.ingest.openWriter();
    await w.begin();
    const run = await w.createRun('csv', 'x.csv', '2024-07-01');
    expect(await w.isStoreEmpty()).toBe(true); // the bulk path (PostgreSQL: one COPY)
    await w.suspendIndexes();
    const twice = [scenarioDeal('X1'), scenarioDeal('X1')];
    expect(await w.insertNewMany(twice, 'csv:x.csv', run, '2024-07-01')).toEqual([1, null]);
    await w.rollback();
    expect(await store.ingest.liveDealIds('csv:x.csv')).toEqual([]);
    expect(await store.deals.dataAsOf()).toBeNull();
    expect((await store.ops.counts()).syncRuns).toEqual([]);
    // and the store takes the same import again
    const again = await store.ingest.openWriter();
    await again.begin();
    const run2 = await again.createRun('csv', 'x.csv', '2024-07-01');
    await again.upsertMany([scenarioDeal('X1')], 'csv:x.csv', run2, '2024-07-01');
    await again.commit();
    expect(await store.ingest.liveDealIds('csv:x.csv')).toEqual(['X1']);
  });
});
