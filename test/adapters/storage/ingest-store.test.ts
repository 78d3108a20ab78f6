/** The IngestStore port on every store kind: what the pipeline, the sync and the webhook read through it. */
import { expect, it } from 'vitest';
import { ingestBatches } from '../../../src/app/ingest/ingest.js';
import type { SourceBatch } from '../../../src/app/ports/ingest-source.js';
import { describeEachStore } from '../../helpers/stores.js';

const now = () => new Date('2024-07-01T06:00:00.000Z');
const fields = (id: string, rep: string) => ({
  deal_id: id,
  created_date: '2024-06-01',
  sales_rep_id: rep,
  industry: 'SaaS',
  region: 'Europe',
  product_type: 'Core',
  lead_source: 'Inbound',
  deal_stage: 'Qualified',
  deal_amount: '1000',
});

describeEachStore('ingest store', (opened) => {
  it('reads the watermark, live ids, sync health and stored rep of what a sync wrote', async () => {
    const { store } = opened();
    expect(await store.ingest.storedRepId('S1')).toBeUndefined();
    expect(await store.ingest.lastWatermark('salesforce', 'acme')).toBeUndefined();
    const batches = async function* (): AsyncGenerator<SourceBatch> {
      yield {
        records: [
          { fields: fields('S1', 'rep_1'), raw: '{}' },
          { fields: fields('S2', 'rep_2'), raw: '{}' },
        ],
        watermark: '2024-06-30T00:00:00.000Z',
      };
      yield { records: [], deletedIds: ['S2'] };
    };
    const summary = await ingestBatches(store, {
      source: 'salesforce',
      target: 'acme',
      batches: batches(),
      now,
    });
    expect(summary).toMatchObject({ status: 'succeeded', inserted: 2, deleted: 1 });
    expect(await store.ingest.storedRepId('S1')).toBe('rep_1');
    expect(await store.ingest.liveDealIds('salesforce')).toEqual(['S1']);
    expect(await store.ingest.lastWatermark('salesforce', 'acme')).toBe('2024-06-30T00:00:00.000Z');
    expect(await store.ingest.lastWatermark('salesforce', 'other')).toBeUndefined();
    expect(await store.syncs.health('salesforce')).toMatchObject({
      source: 'salesforce',
      consecutiveFailures: 0,
      lastGoodDataAsOf: '2024-07-01',
    });
  });
});
