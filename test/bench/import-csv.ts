/** One CSV imported through the real pipeline (`dealfit import`'s), as the import benches time it. */
import { createCsvSource } from '../../src/adapters/crm/csv/csv-source.js';
import { defaultMapping } from '../../src/adapters/crm/csv/field-mapping.js';
import { ingestBatches } from '../../src/app/ingest/ingest.js';
import type { Store } from '../../src/app/ports/store.js';

export async function importCsv(store: unknown, csv: string) {
  const source = createCsvSource(csv, defaultMapping());
  const summary = await ingestBatches(store as Store, {
    source: 'csv',
    target: csv,
    batches: source.batches,
    now: () => new Date(),
  });
  if (summary.status !== 'succeeded') throw new Error(`import failed: ${summary.error}`);
  return summary;
}
