/**
 * Deals for tests: the real importer for CSV files (importCsv), and an independent plain
 * parse of a clean canonical CSV for direct counts to compare with (parseDealsCsv).
 * insertDeals writes generated deals straight through drizzle.
 */
import { readFileSync } from 'node:fs';
import { createCsvSource } from '../../src/adapters/crm/csv/csv-source.js';
import { defaultMapping } from '../../src/adapters/crm/csv/field-mapping.js';
import type { Db } from '../../src/adapters/storage/database.js';
import { deals } from '../../src/adapters/storage/schema.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import { ingestBatches } from '../../src/app/ingest/ingest.js';

export type DealInsert = typeof deals.$inferInsert;

export function parseDealsCsv(path: string): DealInsert[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const header = lines[0]!.split(',');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${path}: no column ${name}`);
    return i;
  };
  const c = {
    id: col('deal_id'),
    created: col('created_date'),
    closed: col('closed_date'),
    rep: col('sales_rep_id'),
    industry: col('industry'),
    region: col('region'),
    product: col('product_type'),
    lead: col('lead_source'),
    stage: col('deal_stage'),
    amount: col('deal_amount'),
    cycle: col('sales_cycle_days'),
    outcome: col('outcome'),
  };
  return lines.slice(1).map((line) => {
    const f = line.split(',');
    const outcome = f[c.outcome] === 'Won' ? 'won' : f[c.outcome] === 'Lost' ? 'lost' : null;
    return {
      id: f[c.id]!,
      createdDate: f[c.created]!,
      closedDate: f[c.closed] || null,
      repId: f[c.rep]!,
      industry: f[c.industry]!,
      region: f[c.region]!,
      product: f[c.product]!,
      leadSource: f[c.lead]!,
      stage: f[c.stage]!,
      amount: Number(f[c.amount]),
      cycleDays: f[c.cycle] ? Number(f[c.cycle]) : null,
      outcome,
      source: 'csv:test',
      updatedAt: '2024-07-20T00:00:00.000Z',
    };
  });
}

export function insertDeals(db: Db, rows: DealInsert[]): void {
  db.transaction((tx) => {
    for (let i = 0; i < rows.length; i += 500)
      tx.insert(deals)
        .values(rows.slice(i, i + 500))
        .run();
  });
}

/** Imports a CSV with the real pipeline (`dealfit import`), failing loudly on any problem. */
export async function importCsv(db: Db, path: string): Promise<void> {
  const source = createCsvSource(path, defaultMapping());
  const summary = await ingestBatches(createSqliteStore(db), {
    source: 'csv',
    target: path,
    batches: source.batches,
    now: () => new Date('2024-07-20T06:00:00Z'),
  });
  if (summary.status !== 'succeeded' || summary.quarantined > 0) {
    throw new Error(`import of ${path} failed: ${JSON.stringify(summary)}`);
  }
}
