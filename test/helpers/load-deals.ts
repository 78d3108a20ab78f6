/**
 * Loads a clean, unquoted deals CSV (the shared sample's format) into a test database with
 * drizzle. Stand-in until the real importer (`dealfit import`) lands on main.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../../src/adapters/storage/database.js';
import { deals } from '../../src/adapters/storage/schema.js';

export const SHARED_DEALS_CSV = resolve(import.meta.dirname, '../../../shared/data/deals.csv');

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

export function loadSharedDeals(db: Db): DealInsert[] {
  const rows = parseDealsCsv(SHARED_DEALS_CSV);
  insertDeals(db, rows);
  return rows;
}
