/**
 * The public sample data set (5,000 deals; no licence, so never copied into the
 * repository): present beside the checkout on the team's machines and in CI, absent on a
 * fresh clone. Only the public-data suite (npm run test:public-data) reads it.
 */
import { resolve } from 'node:path';
import type { Db } from '../../src/adapters/storage/database.js';
import { type DealInsert, importCsv, insertDeals, parseDealsCsv } from '../helpers/load-deals.js';

export const SHARED_DEALS_CSV = resolve(import.meta.dirname, '../../../shared/data/deals.csv');

/** The public data set through the real importer; returns the independently parsed rows. */
export async function importSharedDeals(db: Db): Promise<DealInsert[]> {
  await importCsv(db, SHARED_DEALS_CSV);
  return parseDealsCsv(SHARED_DEALS_CSV);
}

/** The public data set inserted straight through drizzle (for tests that need no import run). */
export function loadSharedDeals(db: Db): DealInsert[] {
  const rows = parseDealsCsv(SHARED_DEALS_CSV);
  insertDeals(db, rows);
  return rows;
}
