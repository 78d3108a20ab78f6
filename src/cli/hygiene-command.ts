/**
 * `dealfit hygiene [--limit N] [--json]`: CRM hygiene (metrics.md "Missing values"). The
 * deals are imported and counted in every figure whatever they lack; this lists, per field,
 * the live deals with it blank, so someone can fill them in the CRM.
 */
import { hygieneLine } from '../domain/deal-fields.js';
import { type Command, emit, UsageError } from './command.js';

/** Ids listed per field unless --limit says otherwise. */
export const HYGIENE_DEFAULT_LIMIT = 20;

export const hygieneCommand: Command = {
  path: ['hygiene'],
  summary: 'List the deals with blank fields (industry, region, …, deal_amount), per field',
  usage: 'hygiene [--limit N] [--db PATH] [--json]',
  help: [
    'Options:',
    `  --limit N   at most N deal ids per field (default ${HYGIENE_DEFAULT_LIMIT}); the count is always whole`,
    '',
    'Deals with blank fields are imported and counted (README "Data format"); a blank',
    "industry falls back to the rep's overall fit, a blank amount is left out of sums.",
  ].join('\n'),
  options: {
    limit: { type: 'string' },
  },
  async run(ctx) {
    const limitText = ctx.values.limit as string | undefined;
    const limit = limitText === undefined ? HYGIENE_DEFAULT_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new UsageError(`--limit ${limitText} is not a positive whole number`);
    }
    const { openStore } = await import('../wiring/open-store.js');
    const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
    try {
      const listing = await opened.store.database.blankDeals(limit);
      emit(ctx, listing, () => {
        const lines = [hygieneLine(listing)];
        for (const f of listing.fields) {
          if (f.total === 0) continue;
          const more = f.total - f.dealIds.length;
          lines.push(
            `${f.field} blank: ${f.total} deal${f.total === 1 ? '' : 's'}`,
            `  ${f.dealIds.join(', ')}${more > 0 ? ` … and ${more} more (--limit or --json)` : ''}`,
          );
        }
        return lines.join('\n');
      });
      return 0;
    } finally {
      await opened.close();
    }
  },
};
