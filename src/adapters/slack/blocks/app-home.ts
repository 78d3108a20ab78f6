/** The App Home tab: pipeline health at a glance. */
import type { RedDeal } from '../../../app/ports/pipeline-health.js';
import type { Flag, WinRateResult } from '../../../app/queries/query-results.js';
import { type HygieneSummary, hygieneLine } from '../../../domain/deal-fields.js';
import { evidenceSentence, type FitEvidence } from '../../../domain/fit-evidence.js';
import { CALLBACK_IDS } from '../ids.js';
import { asOfContext, context, esc, header, pct, rateText, section, usd } from './format.js';
import { FLAG_EMOJI, score } from './rsfs-card.js';
import type { Block, HomeView } from './types.js';
import { trendText } from './winrate-answer.js';

export interface HomeInput {
  /** null = no data imported yet */
  asOf: string | null;
  /** open deals by flag */
  flags: Record<Flag, number>;
  /** open RED deals older than 30 days, oldest first */
  redPast30: RedDeal[];
  winRate: WinRateResult | null;
  /** CRM hygiene: live deals with a blank field (metrics.md "Missing values") */
  hygiene?: HygieneSummary | null;
  /** whether fit goes with winning on this data: how much a RED flag is worth */
  fitEvidence?: FitEvidence | null;
}

const MAX_RED_ROWS = 20;

export function buildAppHome(input: HomeInput): HomeView {
  if (input.asOf === null) {
    return {
      type: 'home',
      callback_id: CALLBACK_IDS.home,
      blocks: [
        header('dealfit — pipeline health'),
        section(
          'No deals yet. Import a CSV export (`dealfit import deals.csv`) or connect Salesforce, then come back.',
        ),
      ],
    };
  }
  const f = input.flags;
  const total = f.RED + f.YELLOW + f.GREEN;
  const blocks: Block[] = [
    header('dealfit — pipeline health'),
    {
      type: 'section',
      fields: [
        {
          type: 'mrkdwn',
          text: `*Open deals by fit flag* (${total})\n${FLAG_EMOJI.RED} RED ${f.RED} · ${FLAG_EMOJI.YELLOW} YELLOW ${f.YELLOW} · ${FLAG_EMOJI.GREEN} GREEN ${f.GREEN}`,
        },
        {
          type: 'mrkdwn',
          text: input.winRate
            ? `*Win rate* (rolling ${input.winRate.window}${input.winRate.window === 'all' ? '' : 'd'})\n${rateText(input.winRate.overall)}`
            : '*Win rate*\nn/a',
        },
      ],
    },
  ];
  if (input.winRate) blocks.push(context(`trend: ${trendText(input.winRate)}`));
  const rows = input.redPast30
    .slice(0, MAX_RED_ROWS)
    .map(
      (d) =>
        `${FLAG_EMOJI.RED} *${esc(d.dealId)}* ${esc(d.repId)} · ${esc(d.industry)} · ${d.ageDays} days · ${usd(d.amount)} · RSFS ${score(d.rsfs)}`,
    );
  blocks.push(
    section(
      rows.length > 0
        ? `*RED deals open past 30 days* (${input.redPast30.length})\n${rows.join('\n')}`
        : '*RED deals open past 30 days*\nnone :tada:',
    ),
  );
  if (input.redPast30.length > MAX_RED_ROWS) {
    blocks.push(
      context(`…and ${input.redPast30.length - MAX_RED_ROWS} more; try \`/rsfs <deal_id>\``),
    );
  }
  if (input.fitEvidence) blocks.push(context(evidenceSentence(input.fitEvidence)));
  if (input.hygiene) blocks.push(context(`${hygieneLine(input.hygiene)} · \`dealfit hygiene\``));
  blocks.push(
    context('Commands: `/winrate [segment] [90d|all]` · `/rsfs <deal_id>` · `/audit [YYYY-MM]`'),
    asOfContext(input.asOf, `win rate ${pct(input.winRate?.overall.rate ?? null)}`),
  );
  return { type: 'home', callback_id: CALLBACK_IDS.home, blocks };
}
