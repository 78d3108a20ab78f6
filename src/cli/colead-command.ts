import { proposeForRedDeals, WITHHELD_REASON } from '../app/colead/propose.js';
import { evidenceSentence } from '../domain/fit-evidence.js';
import { openStore } from '../wiring/open-store.js';
import { type Command, emit } from './command.js';
import { payloadText, withProactive } from './proactive-cli.js';

export const coleadProposeCommand: Command = {
  path: ['colead', 'propose'],
  summary: "Propose co-leads for every open RED deal without one (cards to the managers' channel)",
  usage: 'colead propose [--dry-run]',
  help: `RED flags come from the last \`dealfit metrics run\`; whether fit goes with winning on this
data comes from the last \`dealfit drivers\` model. When it does not and no fit difference is
credible, nothing is proposed (DEALFIT_COLEAD_WHEN_WEAK=propose proposes anyway).
--dry-run stores nothing and prints the cards. --json lists each proposal's dealId, ownerRepId,
coleadRepId, industry, lift {value, ci, credible} (probability units) and alternates, and the
batch's evidence {auc {value, ci}, weak}.`,
  options: { 'dry-run': { type: 'boolean', default: false } },
  async run(ctx) {
    const dryRun = ctx.values['dry-run'] === true;
    const { batch, payloads } = await withProactive(ctx, dryRun, async (p, payloads) => {
      const batch = await proposeForRedDeals(p.coleadDeps(), { dryRun });
      if (dryRun) {
        const channel = ctx.config.channels.managers ?? null;
        if (batch.withheldMessage) payloads.push({ channel, message: batch.withheldMessage });
        for (const r of batch.results) {
          if (r.status === 'proposed') payloads.push({ channel, message: r.message });
        }
      }
      return { batch, payloads };
    });
    const proposals = batch.results.map((r) =>
      r.status === 'skipped'
        ? r
        : {
            status: r.status,
            ...r.proposal,
            ...(r.status === 'proposed' ? { assignmentId: r.assignmentId, posted: r.posted } : {}),
            reason: r.reason,
          },
    );
    const e = batch.evidence;
    const evidence = {
      auc: e.auc,
      association: e.association,
      weak: e.weak,
      modelAsOf: e.modelAsOf,
      validationN: e.n,
      sentence: evidenceSentence(e),
    };
    const count = (status: string) => proposals.filter((r) => r.status === status).length;
    emit(ctx, { dryRun, evidence, withheld: batch.withheld, proposals }, () =>
      [
        evidence.sentence,
        proposals.length === 0
          ? 'no open RED deal without a proposal (RED flags come from `dealfit metrics run`)'
          : batch.withheld
            ? `${count('withheld')} withheld: ${WITHHELD_REASON}; ${count('skipped')} skipped`
            : `${count('proposed')} proposed, ${count('skipped')} skipped`,
        ...proposals.map((r) => `  ${JSON.stringify(r)}`),
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
  async run(ctx) {
    const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
    try {
      const rows = (await opened.store.coleads.list()).map(({ card: _card, ...row }) => ({
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
      await opened.close();
    }
    return 0;
  },
};
