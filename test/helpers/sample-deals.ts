/**
 * The project's own sample deals for tests: `dealfit generate` with its default options
 * (seed 42, 5,000 deals, 25 reps, ~8% open, data as of 2024-06-30), written once per test
 * process to a temporary CSV. Deterministic, so every machine gets the same file, and
 * nothing outside the repository is read. Figures are checked against an independent plain
 * parse of the same file (parseDealsCsv), never against numbers copied from a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_OPTIONS, type DemoOptions } from '../../src/domain/demo-deals.js';
import { writeDemoCsv } from '../../src/local/demo-file.js';
import { type DealInsert, parseDealsCsv } from './load-deals.js';

export const SAMPLE_OPTIONS: DemoOptions = DEFAULT_DEMO_OPTIONS;

let written: Promise<string> | undefined;

/** Path of the sample CSV (written on first use, removed when the test process exits). */
export function sampleDealsCsv(): Promise<string> {
  written ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealfit-sample-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'sample-deals.csv');
    await writeDemoCsv(path, SAMPLE_OPTIONS);
    return path;
  })();
  return written;
}

/** The sample's rows, parsed independently of the importer. */
export async function sampleDealRows(): Promise<DealInsert[]> {
  return parseDealsCsv(await sampleDealsCsv());
}

/** The newest created or closed date among rows: a file import's data as-of date. */
export function newestDate(rows: DealInsert[]): string {
  let newest = '';
  for (const r of rows) {
    if (r.createdDate > newest) newest = r.createdDate;
    if (r.closedDate && r.closedDate > newest) newest = r.closedDate;
  }
  return newest;
}
