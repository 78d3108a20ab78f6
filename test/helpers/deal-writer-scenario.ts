/**
 * One import and one sync written through a DealWriter, batch by batch, with what each call
 * answered: the shared DealWriter test holds every store kind to the answers, and
 * test/postgres/deal-writer.test.ts holds PostgreSQL's rows to SQLite's after it.
 */
import type { DealWriter } from '../../src/app/ports/ingest-store.js';
import type { Deal } from '../../src/domain/deal.js';
import { noBlanks } from '../../src/domain/deal-fields.js';

export const scenarioDeal = (id: string, over: Partial<Deal> = {}): Deal => ({
  id,
  createdDate: '2024-01-05',
  closedDate: null,
  assignedDate: null,
  repId: 'rep_1',
  industry: 'SaaS',
  region: 'EMEA',
  product: 'Core',
  leadSource: 'Inbound',
  stage: 'Qualified',
  amount: 1234.5,
  cycleDays: null,
  outcome: null,
  ...over,
});

const deal = scenarioDeal;
const counts = { rows: 3, inserted: 2, updated: 1, unchanged: 0, deleted: 0, quarantined: 1 };

export async function dealWriterScenario(w: DealWriter): Promise<unknown[]> {
  const out: unknown[] = [];
  const at = '2024-07-01T06:00:00.000Z';
  const later = '2024-07-02T06:00:00.000Z';
  // a bulk load with a repeat inside a batch and one across batches
  await w.begin();
  out.push(await w.isStoreEmpty());
  const run = await w.createRun('csv', 'deals.csv', at);
  out.push(run);
  const restore = await w.suspendIndexes();
  const first = [deal('D1'), deal('D2', { amount: null, industry: null }), deal('D1')];
  const firstIds = await w.insertNewMany(first, 'csv:deals.csv', run, at);
  out.push(firstIds.map((n) => n !== null));
  // escapes, a value past ASCII and a fraction on the COPY path (copy-bytes.ts)
  const odd = { repId: 'tab\there', stage: 'back\\slash\nnewline', region: 'Île-de-France ✓' };
  const second = [deal('D3', { ...odd, amount: 1234.5, cycleDays: 0 }), deal('D2')];
  out.push((await w.insertNewMany(second, 'csv:deals.csv', run, at)).map((n) => n !== null));
  // a repeat's first occurrence, by insertion number
  out.push((await w.rowidsOf(['D2']))[0] === firstIds[1]);
  out.push(await w.currentMany(['D1', 'D9']));
  const entry = { line: 4, recordId: 'D1', raw: 'D1,…', reasons: ['repeat of line 2'] };
  await w.quarantineMany(run, 'csv:deals.csv', [entry, { ...entry, line: null }], at);
  await restore();
  const outcome = { watermark: null, error: null, dataAsOf: '2024-01-05' };
  await w.finishRun(run, 'succeeded', at, { ...counts, blanks: noBlanks() }, outcome);
  await w.commit();

  // a second run: changed, unchanged, new, deleted and unknown deals
  await w.begin();
  out.push(await w.isStoreEmpty());
  const run2 = await w.createRun('salesforce', 'acme', later);
  const batch = [
    deal('D1', { outcome: 'won', closedDate: '2024-06-30', cycleDays: 177 }),
    deal('D2', { amount: null, industry: null }),
    deal('D4', { amount: 0.1 + 0.2 }),
    deal('D3', { repId: 'rep_2' }),
  ];
  out.push(await w.upsertMany(batch, 'salesforce', run2, later));
  out.push(await w.markDeletedMany(['D2', 'D9', 'D2', 'D4'], run2, later));
  out.push(await w.currentMany(['D1', 'D9', 'D2']));
  // a deleted deal comes back
  out.push(await w.upsertMany([deal('D2')], 'salesforce', run2, later));
  out.push(await w.newestDate());
  await w.commit();
  // a failed run recorded on its own, outside a transaction
  out.push(await w.recordFailedRun('salesforce', 'acme', later, later, 'boom'));
  return out;
}
