/** DealStore.liveRepIds (the local workspace's people) on every store kind. */
import { expect, it } from 'vitest';
import { deal } from '../../helpers/deal-fixtures.js';
import { writeDeals } from '../../helpers/store-seed.js';
import { describeEachStore } from '../../helpers/stores.js';

describeEachStore('liveRepIds', (opened) => {
  it('lists each rep of a live deal once and leaves out reps whose deals are all deleted', async () => {
    const { store } = opened();
    expect(await store.deals.liveRepIds()).toEqual([]);
    await writeDeals(store, [
      deal({ id: 'A', repId: 'rep_10' }),
      deal({ id: 'B', repId: 'rep_2' }),
      deal({ id: 'C', repId: 'rep_2' }),
      deal({ id: 'D', repId: 'rep_gone' }),
    ]);
    const at = '2024-07-01T00:00:00.000Z';
    const writer = await store.ingest.openWriter();
    await writer.begin();
    const run = await writer.createRun('test', 'test', at);
    await writer.markDeletedMany(['D'], run, at);
    await writer.commit();
    // the port promises no order
    expect((await store.deals.liveRepIds()).sort()).toEqual(['rep_10', 'rep_2']);
  });
});
