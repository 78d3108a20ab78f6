/**
 * What the metric commands share: --as-of, opening the store, mapping the queries' errors
 * to exit codes, and formatting rates with n and intervals for people.
 */
import type { QueryInput, QueryName, QueryResult } from '../app/ports/query-runner.js';
import { DealNotFoundError } from '../app/queries/metric-queries.js';
import { queriesInThisThread } from '../app/queries/queries-in-this-thread.js';
import type { RateFigure } from '../domain/stats.js';
import { openStore } from '../wiring/open-store.js';
import { type CommandContext, CommandError, type OptionSpec, UsageError } from './command.js';

export const AS_OF_OPTION: OptionSpec = { 'as-of': { type: 'string' } };

export function asOfValue(ctx: CommandContext): string | undefined {
  return ctx.values['as-of'] as string | undefined;
}

/** A query's errors as the CLI reports them: an unknown deal exits 1, a RangeError 2. */
function commandErrorOf(error: unknown): unknown {
  if (error instanceof DealNotFoundError) {
    const hint = error.similar.length ? `; similar ids: ${error.similar.join(', ')}` : '';
    return new CommandError(`${error.message}${hint}`);
  }
  if (error instanceof RangeError) return new UsageError(error.message);
  return error;
}

/**
 * Runs query `name` of the registry on the store, in this thread (a CLI run answers one
 * question, so there is no event loop to keep free), with the CLI's error mapping.
 */
export async function runQueryCommand<N extends QueryName>(
  ctx: CommandContext,
  name: N,
  input: QueryInput<N>,
): Promise<QueryResult<N>> {
  const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
  try {
    return await queriesInThisThread(opened.store).run(name, input);
  } catch (error) {
    throw commandErrorOf(error);
  } finally {
    await opened.close();
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
