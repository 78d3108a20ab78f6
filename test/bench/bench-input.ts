/**
 * What the import benches (bench:ingest, bench:postgres) share: their options
 * (`--rows N`, `--runs K`, `--csv FILE`), the deals CSV they generate when no file is given,
 * and how they sum up their runs.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../..');

/** N deals (default 1,000,000), K runs (default 3), or the deals of FILE */
export function benchOptions(): { rows: number; runs: number; csv: string | undefined } {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '3' },
      csv: { type: 'string' },
    },
  });
  return { rows: Number(values.rows), runs: Number(values.runs), csv: values.csv };
}

/** node's arguments for `dealfit generate` of `rows` deals into `csv`, always the same seed */
export const generateArgs = (csv: string, rows: number): string[] => [
  resolve(ROOT, 'bin/dealfit.js'),
  'generate',
  '--out',
  csv,
  '--deals',
  String(rows),
  '--seed',
  '7',
];

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));
