import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { createCsvSource } from '../adapters/crm/csv/csv-source.js';
import {
  defaultMapping,
  loadMappingFile,
  MappingError,
} from '../adapters/crm/csv/field-mapping.js';
import { ingestBatches } from '../app/ingest/ingest.js';
import { isIsoDate } from '../domain/dates.js';
import { runBlanksText } from '../domain/deal-fields.js';
import { openStore } from '../wiring/open-store.js';
import { type Command, CommandError, UsageError } from './command.js';
import { createProgress } from './progress.js';

/** Quarantine reasons shown after a human-readable import; the rest via `dealfit quarantine`. */
const SHOWN_REASONS = 5;

export const importCommand: Command = {
  path: ['import'],
  summary: 'Import deals from a CSV export (validated, deduped, atomic; bad rows quarantined)',
  usage: 'import <file> [--mapping m.json] [--as-of YYYY-MM-DD] [--dry-run] [--db PATH] [--json]',
  help: [
    'Options:',
    "  --mapping FILE   field mapping (JSON) from the export's columns and values to the",
    '                   canonical ones; see examples/mapping.hubspot.json',
    "  --as-of DATE     the data's as-of date (default: the newest created/closed date in the store)",
    '  --dry-run        validate and count everything, then roll back: nothing is written',
    '',
    'The whole file is one transaction: an import that fails or is killed leaves the store',
    'as it was. Rows that fail validation are quarantined (see `dealfit quarantine`).',
    '',
    'Examples:',
    '  dealfit import deals.csv',
    '  dealfit import hubspot.csv --mapping examples/mapping.hubspot.json --json',
  ].join('\n'),
  options: {
    mapping: { type: 'string' },
    'as-of': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    // A batch of parsed rows is all alive at once, so when a young-generation GC happens
    // to land right after a parse V8 may decide those allocation sites are long-lived and
    // allocate every later row in the old generation: the same million-row import then
    // took 8-10 s instead of 5.5 s, by chance, in about half the runs (measured with
    // --trace-gc-nvp: 400 MB promoted against 60 MB). Rows live for one batch; say so.
    setFlagsFromString('--no-allocation-site-pretenuring');
    const file = ctx.positionals[0]!;
    const asOf = ctx.values['as-of'] as string | undefined;
    if (asOf !== undefined && !isIsoDate(asOf)) {
      throw new UsageError(`--as-of ${asOf} is not a date (expected YYYY-MM-DD)`);
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new CommandError(`cannot import ${file}: no such file`);
    }
    const mappingPath = ctx.values.mapping as string | undefined;
    let mapping = defaultMapping();
    try {
      if (mappingPath !== undefined) mapping = loadMappingFile(mappingPath);
    } catch (error) {
      if (error instanceof MappingError) throw new CommandError(error.message);
      throw error;
    }
    const dryRun = ctx.values['dry-run'] === true;
    const source = createCsvSource(file, mapping);
    const progress = createProgress(
      ctx.io,
      `importing ${basename(file)}`,
      source.totalBytes,
      ctx.now,
    );

    const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
    const startedAt = ctx.now().getTime();
    try {
      const summary = await ingestBatches(opened.store, {
        source: 'csv',
        target: file,
        batches: source.batches,
        asOf,
        now: ctx.now,
        dryRun,
        onProgress: ({ rows }) => {
          const read = source.bytesRead();
          if (read >= source.totalBytes) progress.finishing(rows);
          else progress.update(rows, read);
        },
      });
      progress.done();
      const seconds = Number(((ctx.now().getTime() - startedAt) / 1000).toFixed(3));
      const result = { file, dryRun, ...summary, seconds };
      if (ctx.json) ctx.io.out(JSON.stringify(result, null, 2));
      if (summary.status === 'failed') {
        throw new CommandError(`cannot import ${file}: ${summary.error}`);
      }
      if (!ctx.json) {
        const lines = [
          `${dryRun ? 'dry run (nothing written): ' : ''}${file}: ${summary.rows} rows: ${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.quarantined} quarantined`,
          `data as of: ${summary.dataAsOf ?? 'no data yet'}${dryRun ? '' : ` (run #${summary.syncRunId})`}, ${seconds} s`,
          runBlanksText(summary.blanks),
        ];
        if (summary.quarantined > 0 && !dryRun) {
          const listing = await opened.store.database.quarantine({
            runId: summary.syncRunId,
            limit: SHOWN_REASONS,
          });
          lines.push('quarantined rows:');
          for (const row of listing.rows) {
            lines.push(
              `  ${row.line !== null ? `line ${row.line}` : row.recordId}: ${row.reasons.join('; ')}`,
            );
          }
          if (listing.total > listing.rows.length) {
            lines.push(
              `  … and ${listing.total - listing.rows.length} more: dealfit quarantine --run ${summary.syncRunId}`,
            );
          }
        }
        ctx.io.out(lines.join('\n'));
      }
      return 0;
    } finally {
      progress.done();
      await opened.close();
    }
  },
};
