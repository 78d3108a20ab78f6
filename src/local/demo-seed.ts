/**
 * First-run data for the local workspace: generated demo deals (seeded, planted effects,
 * open deals) written as a CSV export and imported through the real pipeline, exactly as a
 * user's own `dealfit import` would, so the local page shows what the product does with a
 * real import. A store that already holds deals (or recorded an import) is left alone.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createCsvSource } from '../adapters/crm/csv/csv-source.js';
import { ingestBatches } from '../app/ingest/ingest.js';
import type { IngestSummary } from '../app/ports/ingest-source.js';
import type { Store } from '../app/ports/store.js';
import { addDays } from '../domain/dates.js';
import { DEFAULT_DEMO_OPTIONS, type DemoOptions } from '../domain/demo-deals.js';
import { writeDemoCsv } from './demo-file.js';

/** The last day of the calendar quarter before the one holding `date` (YYYY-MM-DD). */
export function endOfPreviousQuarter(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const firstMonth = Math.floor((m - 1) / 3) * 3 + 1;
  const first = `${y}-${String(firstMonth).padStart(2, '0')}-01`;
  return addDays(first, -1);
}

/**
 * The demo the local workspace starts with. The generator plants its lead-source drop in
 * the quarter of its end date, and momentum compares complete quarters, so the data ends
 * on the last day of the previous quarter: then the planted 10pp Inbound drop is in the
 * quarter momentum looks at. 12,000 deals over 18 months put ~500 Inbound deals in each
 * quarter, enough for the drop to survive the FDR correction, and, with the slow decline,
 * pull the rolling-90 win rate under the 43% threshold: both alerts fire from the
 * metrics.md rules, untouched. About 1% of deals (~145) stay open: enough RED deals for co-lead cards, few enough that
 * the managers' channel stays readable.
 */
export function localDemoOptions(today: string): DemoOptions {
  const end = endOfPreviousQuarter(today);
  return {
    ...DEFAULT_DEMO_OPTIONS,
    seed: 7,
    deals: 12_000,
    start: addDays(end, -548),
    end,
    openShare: 0.012,
  };
}

export interface SeedResult {
  csv: string;
  import: IngestSummary;
  options: DemoOptions;
}

/** Seeds an empty store; returns null when it already holds deals. */
export async function seedLocalDemo(
  store: Store,
  o: { dbPath: string; now: () => Date; options?: DemoOptions },
): Promise<SeedResult | null> {
  // "data as of" is null only on a store with no deals and no recorded import or sync
  if ((await store.deals.dataAsOf()) !== null) return null;
  const options = o.options ?? localDemoOptions(o.now().toISOString().slice(0, 10));
  const dir = o.dbPath === ':memory:' ? '.' : dirname(o.dbPath);
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, 'demo-deals.csv');
  await writeDemoCsv(csv, options);
  const source = createCsvSource(csv);
  const summary = await ingestBatches(store, {
    source: 'csv',
    target: csv,
    batches: source.batches,
    asOf: options.end,
    now: o.now,
  });
  if (summary.status !== 'succeeded') {
    throw new Error(`importing the demo data failed: ${summary.error ?? 'unknown error'}`);
  }
  return { csv, import: summary, options };
}
