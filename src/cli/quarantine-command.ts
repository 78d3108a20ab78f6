import { type Command, emit, UsageError } from './command.js';

export const quarantineCommand: Command = {
  path: ['quarantine'],
  summary: 'List the rows an import or sync rejected, with their line and reasons',
  usage: 'quarantine [--run N] [--limit N] [--db PATH] [--json]',
  help: [
    'Options:',
    '  --run N     the import/sync run (default: the latest run that quarantined rows)',
    '  --limit N   at most N rows (default 100)',
  ].join('\n'),
  options: {
    run: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(ctx) {
    const runId = positiveInteger(ctx.values.run as string | undefined, '--run');
    const limit = positiveInteger(ctx.values.limit as string | undefined, '--limit') ?? 100;
    const { openStore } = await import('../wiring/open-store.js');
    const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
    try {
      const listing = await opened.store.database.quarantine({ runId, limit });
      emit(ctx, listing, () => {
        if (listing.run === null && listing.total === 0) {
          return runId === undefined ? 'no quarantined rows' : `run #${runId}: no quarantined rows`;
        }
        const run = listing.run;
        const lines = [
          run
            ? `run #${run.id} (${run.source} ${run.target ?? ''} at ${run.startedAt}): ${listing.total} quarantined rows`
            : `run #${runId}: ${listing.total} quarantined rows`,
        ];
        for (const row of listing.rows) {
          const where = row.line !== null ? `line ${row.line}` : `record ${row.recordId ?? '?'}`;
          lines.push(`  ${where}: ${row.reasons.join('; ')}`);
        }
        if (listing.total > listing.rows.length) {
          lines.push(`  … ${listing.total - listing.rows.length} more (use --limit or --json)`);
        }
        return lines.join('\n');
      });
      return 0;
    } finally {
      await opened.close();
    }
  },
};

function positiveInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} ${text} is not a positive whole number`);
  return n;
}
