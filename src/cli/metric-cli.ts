/**
 * What the metric commands share: --as-of, opening the store, mapping the queries' errors
 * to exit codes, and formatting rates with n and intervals for people.
 */
import { closeDatabase, type Db, openDatabase } from '../adapters/storage/database.js';
import { DealNotFoundError } from '../app/queries/metric-queries.js';
import type { RateFigure } from '../app/queries/query-results.js';
import { type CommandContext, CommandError, type OptionSpec, UsageError } from './command.js';

export const AS_OF_OPTION: OptionSpec = { 'as-of': { type: 'string' } };

export function asOfValue(ctx: CommandContext): string | undefined {
  return ctx.values['as-of'] as string | undefined;
}

/** Opens the store, runs the query and maps RangeError to a usage error (exit 2). */
export function withDb<T>(ctx: CommandContext, fn: (db: Db) => T): T {
  const db = openDatabase(ctx.dbPath);
  try {
    return fn(db);
  } catch (error) {
    if (error instanceof DealNotFoundError) {
      const hint = error.similar.length ? `; similar ids: ${error.similar.join(', ')}` : '';
      throw new CommandError(`${error.message}${hint}`);
    }
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  } finally {
    closeDatabase(db);
  }
}

export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)}%`;
}

export function ciText(ci: [number, number] | null | undefined): string {
  return ci ? `[${pct(ci[0])}, ${pct(ci[1])}]` : '–';
}

export function rateText(r: RateFigure): string {
  return `${pct(r.rate)} ${ciText(r.ci)} (${r.won}/${r.n})`;
}

/** A plain text table: first row is the header, columns padded, numbers right-aligned. */
export function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const numeric = (s: string) => /^[-+$\d.,%[\]– ]+$/.test(s) && /\d/.test(s);
  return rows
    .map((r, i) =>
      r
        .map((cell, c) =>
          i > 0 && numeric(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
