import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSalesforce } from '../../../../src/adapters/crm/salesforce/connection.js';
import { loadMapping } from '../../../../src/adapters/crm/salesforce/mapping.js';
import { readOpportunityBatches } from '../../../../src/adapters/crm/salesforce/opportunity-batches.js';
import { SalesforceClient } from '../../../../src/adapters/crm/salesforce/salesforce-client.js';
import type { SourceBatch } from '../../../../src/app/ports/ingest-source.js';
import { sfDateTime } from '../../../helpers/fake-salesforce.js';
import { startTestOrg, type TestOrg } from '../../../helpers/salesforce-test-org.js';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg({ opportunities: 4100 });
});
afterAll(async () => {
  await t.cleanup();
});

async function read(watermark?: string): Promise<SourceBatch[]> {
  const client = new SalesforceClient({ connect: () => connectSalesforce(t.config) });
  const batches: SourceBatch[] = [];
  for await (const b of readOpportunityBatches(client, loadMapping(t.mappingFile), { watermark })) {
    batches.push(b);
  }
  return batches;
}

describe('readOpportunityBatches', () => {
  it('reads everything as one batch per page, the watermark being the newest SystemModstamp', async () => {
    const batches = await read();
    expect(batches.map((b) => b.records.length)).toEqual([2000, 2000, 100]);
    const newest = Math.max(
      ...[...t.fake.opportunities.values()].map((o) => o.SystemModstamp as number),
    );
    expect(batches.at(-1)?.watermark).toBe(new Date(newest).toISOString());
    // watermarks never go backwards
    const marks = batches.map((b) => b.watermark ?? '');
    expect([...marks].sort()).toEqual(marks);
  });

  it('after changes, reads the changed and deleted records plus the 5-minute overlap only', async () => {
    const full = (await read()).at(-1)?.watermark ?? '';
    t.fake.tick(10 * 60_000);
    const opps = [...t.fake.opportunities.values()];
    const changed = opps.slice(0, 3).map((o) => t.fake.update(o.Id, { Amount: 777 }).Id);
    t.fake.tick(1000);
    t.fake.remove(opps[10]!.Id);
    const created = t.fake.insert({ ...opps[20], Id: undefined, Name: 'New' } as never).Id;
    // the overlap re-reads what was stamped in the 5 minutes before the watermark
    const overlap = opps
      .filter((o) => (o.SystemModstamp as number) > Date.parse(full) - 5 * 60_000)
      .filter((o) => !changed.includes(o.Id) && o.Id !== opps[10]!.Id)
      .map((o) => o.Id);
    expect(overlap.length).toBeGreaterThan(0);
    const batches = await read(full);
    const ids = batches.flatMap((b) => b.records.map((r) => r.recordId));
    expect(ids).toEqual([...overlap, ...changed, created]);
    const last = batches.at(-1)!;
    expect(last.records.slice(-4, -1).map((r) => r.fields.deal_amount)).toEqual([
      '777',
      '777',
      '777',
    ]);
    expect(batches.flatMap((b) => b.deletedIds ?? [])).toEqual([opps[10]!.Id]);
    expect(last.watermark).toBe(sfDateTime(t.fake.now).replace('+0000', 'Z'));
  });

  it('keeps the old watermark when nothing changed', async () => {
    const mark = '2030-01-01T00:00:00.000Z';
    expect(await read(mark)).toEqual([{ records: [], watermark: mark }]);
  });
});
