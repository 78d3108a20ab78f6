import { closeDatabase, openDatabase } from '../adapters/storage/database.js';
import { createSqliteStore } from '../adapters/storage/sqlite-store.js';
import { proposeForRedDeals } from '../app/colead/propose.js';
import { type Command, emit } from './command.js';
import { payloadText, withProactive } from './proactive-cli.js';

export const coleadProposeCommand: Command = {
  path: ['colead', 'propose'],
  summary: "Propose co-leads for every open RED deal without one (cards to the managers' channel)",
  usage: 'colead propose [--dry-run]',
  help: 'RED flags come from the last `dealfit metrics run`. --dry-run stores nothing and prints the cards.',
  options: { 'dry-run': { type: 'boolean', default: false } },
  async run(ctx) {
    const dryRun = ctx.values['dry-run'] === true;
    const { results, payloads } = await withProactive(ctx, dryRun, async (p, payloads) => {
      const results = await proposeForRedDeals(p.coleadDeps(), { dryRun });
      if (dryRun) {
        for (const r of results) {
          if (r.status === 'proposed')
            payloads.push({ channel: ctx.config.channels.managers ?? null, message: r.message });
        }
      }
      return { results, payloads };
    });
    const rows = results.map((r) =>
      r.status === 'proposed'
        ? {
            status: r.status,
            assignmentId: r.assignmentId,
            coleadRepId: r.coleadRepId,
            posted: r.posted,
            reason: r.reason,
          }
        : r,
    );
    emit(ctx, { dryRun, proposals: rows }, () =>
      [
        results.length === 0
          ? 'no open RED deal without a proposal (RED flags come from `dealfit metrics run`)'
          : `${results.filter((r) => r.status === 'proposed').length} proposed, ${results.filter((r) => r.status === 'skipped').length} skipped`,
        ...rows.map((r) => `  ${JSON.stringify(r)}`),
        ...(dryRun ? [payloadText(payloads)] : []),
      ].join('\n'),
    );
    return 0;
  },
};

export const coleadListCommand: Command = {
  path: ['colead', 'list'],
  summary: 'Co-lead proposals and their state (proposed, reassigned, approved, declined, expired)',
  usage: 'colead list',
  run(ctx) {
    const db = openDatabase(ctx.dbPath);
    try {
      const rows = createSqliteStore(db)
        .coleads.list()
        .map(({ card: _card, ...row }) => ({
          ...row,
          alternates: JSON.parse(row.alternates) as string[],
        }));
      emit(ctx, rows, () =>
        rows.length === 0
          ? 'no co-lead proposals yet'
          : rows
              .map(
                (r) =>
                  `#${r.id} ${r.dealId} ${r.industry}: ${r.ownerRepId} + ${r.coleadRepId ?? '(none)'} — ${r.state}${r.actedBy ? ` by ${r.actedBy} ${r.actedAt}` : ''}; proposed ${r.proposedAt}, expires ${r.expiresAt}${r.lift !== null ? `; lift ${(r.lift * 100).toFixed(1)}pp` : ''}`,
              )
              .join('\n'),
      );
    } finally {
      closeDatabase(db);
    }
    return 0;
  },
};
