/**
 * Streams generated demo deals into a CSV file in bounded memory (millions of rows).
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { CANONICAL_HEADER, formatDealCsvRow } from '../adapters/crm/csv/csv-writer.js';
import { type DemoOptions, generateDemoDeals } from '../domain/demo-deals.js';

export interface GenerateSummary {
  file: string;
  deals: number;
  open: number;
  closed: number;
  won: number;
  dataAsOf: string;
  seed: number;
}

const CHUNK_ROWS = 5_000;

export async function writeDemoCsv(path: string, options: DemoOptions): Promise<GenerateSummary> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const summary: GenerateSummary = {
    file: path,
    deals: 0,
    open: 0,
    closed: 0,
    won: 0,
    dataAsOf: options.end,
    seed: options.seed,
  };
  let chunk: string[] = [CANONICAL_HEADER];
  const flush = async () => {
    if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
    chunk = [];
  };
  try {
    for (const deal of generateDemoDeals(options)) {
      summary.deals++;
      if (deal.outcome === null) summary.open++;
      else summary.closed++;
      if (deal.outcome === 'won') summary.won++;
      chunk.push(formatDealCsvRow(deal));
      if (chunk.length >= CHUNK_ROWS) await flush();
    }
    if (chunk.length > 0) await flush();
  } finally {
    out.end();
    await once(out, 'close');
  }
  return summary;
}
