/**
 * `dealfit sync salesforce [--full] [--dry-run]`: one sync now, through the same path the
 * scheduled job takes. Retries and re-authentications are reported on stderr as they
 * happen; the exit code is 1 when the sync failed (nothing partial was kept).
 */
import type { createSalesforceSource } from '../adapters/crm/salesforce/salesforce-source.js';
import { ingestBatches } from '../app/ingest/ingest.js';
import { openStore } from '../wiring/open-store.js';
import { type Command, CommandError, emit } from './command.js';

export const syncSalesforceCommand: Command = {
  path: ['sync', 'salesforce'],
  summary: 'Sync Opportunities from Salesforce (incremental; --full re-reads everything)',
  usage: 'sync salesforce [--full] [--dry-run] [--db PATH] [--json]',
  help: [
    'Options:',
    '  --full     re-read every Opportunity instead of those changed since the last sync;',
    '             deals Salesforce no longer has are marked deleted',
    '  --dry-run  read, validate and count, write nothing',
    '',
    'Needs the SALESFORCE_* variables (see README "Connecting Salesforce").',
  ].join('\n'),
  options: {
    full: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
  },
  async run(ctx) {
    const config = ctx.config.salesforce;
    if (!config) {
      throw new CommandError(
        'Salesforce is not configured: set SALESFORCE_CLIENT_ID, SALESFORCE_USERNAME, SALESFORCE_PRIVATE_KEY_FILE and SALESFORCE_MAPPING_FILE (see README "Connecting Salesforce")',
        2,
      );
    }
    // jsforce is loaded only when a sync runs (about half a second of start-up otherwise)
    const [{ createSalesforceSource }, { describeSync, syncSalesforce }] = await Promise.all([
      import('../adapters/crm/salesforce/salesforce-source.js'),
      import('../app/ingest/salesforce-sync.js'),
    ]);
    let source: ReturnType<typeof createSalesforceSource>;
    try {
      source = createSalesforceSource(config, {
        onEvent: (e) => {
          if (e.type === 'retry') {
            ctx.io.err(
              `salesforce: retry ${e.attempt} in ${(e.delayMs / 1000).toFixed(1)} s after ${e.reason}`,
            );
          } else if (e.type === 'reauth') {
            ctx.io.err('salesforce: session expired, logging in again');
          } else if (e.type === 'page' && ctx.io.isTty) {
            ctx.io.err(`salesforce: read ${e.fetched} of ${e.totalSize} records`);
          } else if (e.type === 'warning') {
            ctx.io.err(`salesforce: warning: ${e.message}`);
          }
        },
      });
    } catch (error) {
      throw new CommandError((error as Error).message);
    }
    const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
    try {
      const result = await syncSalesforce(
        opened.store,
        {
          source,
          ingest: ingestBatches,
          now: ctx.now,
          logError: (line) => ctx.io.err(line),
        },
        {
          full: ctx.values.full === true,
          dryRun: ctx.values['dry-run'] === true,
        },
      );
      if (result.summary.status === 'failed') {
        if (ctx.json) emit(ctx, result, () => '');
        throw new CommandError(describeSync(result).replace(/^salesforce sync /, ''));
      }
      emit(ctx, result, () => describeSync(result));
      return 0;
    } finally {
      await opened.close();
    }
  },
};
