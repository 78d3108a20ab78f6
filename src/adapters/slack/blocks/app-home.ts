/** The App Home tab: pipeline health at a glance, or the first steps while there are no deals. */
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
  /** what a new install needs, shown while there are no deals */
  onboarding?: HomeOnboarding;
}

/** One channel dealfit posts to, and whether it is in it (null: could not tell). */
export interface OnboardingChannel {
  variable: string;
  /** what goes there, e.g. "alerts and the weekly digest" */
  what: string;
  /** null: the variable is not set */
  id: string | null;
  member: boolean | null;
  /** why membership is unknown (e.g. missing_scope) */
  problem?: string;
}

export interface HomeOnboarding {
  /** Salesforce is configured: the first sync brings the deals */
  salesforce: boolean;
  channels: OnboardingChannel[];
}

function channelLine(c: OnboardingChannel): string {
  if (!c.id) return `:warning: *${c.what}*: not set yet: set \`${c.variable}\` to a channel id`;
  const where = `<#${c.id}>`;
  if (c.member === true) return `:white_check_mark: *${c.what}*: ${where}, dealfit is in it`;
  if (c.member === false) {
    return `:warning: *${c.what}*: ${where}, dealfit is not in it yet: type \`/invite @dealfit\` there`;
  }
  return `:grey_question: *${c.what}*: ${where}, could not check${c.problem ? ` (${esc(c.problem)})` : ''}`;
}

/** No deals yet: what dealfit needs, where it posts (and whether it is there), what to try. */
function buildOnboarding(o: HomeOnboarding): HomeView {
  const data = o.salesforce
    ? '*No deals yet.* Salesforce is connected: the first sync brings them in; it runs every 6 hours, or now with `dealfit sync salesforce`.'
    : [
        '*No deals yet.* dealfit needs your deals. Either:',
        '• *import a CSV export*: `dealfit import deals.csv` (the columns are in the README, "Data format"; `--mapping` maps another CRM\'s export), or',
        '• *connect Salesforce*: set the `SALESFORCE_*` variables (README "Connecting Salesforce"); the sync then runs every 6 hours.',
      ].join('\n');
  const blocks: Block[] = [
    header('Welcome to dealfit'),
    section(
      'dealfit tells your revenue team when something is wrong, why, and what to look at next: win rates with intervals, a fit score per deal, alerts and co-lead proposals.',
    ),
    section(data),
  ];
  if (o.channels.length > 0) {
    blocks.push(section(`*Where dealfit posts*\n${o.channels.map(channelLine).join('\n')}`));
  }
  blocks.push(
    section(
      [
        '*Try, once the deals are in*',
        '• `/winrate` or `/winrate industry`: the win rate, with intervals and trend',
        "• `/rsfs D00042`: a deal's fit score and co-lead candidates",
        "• `/audit`: last month's rep audit",
        '• a DM to dealfit or `@dealfit how are we doing in APAC?`: ask in plain words',
      ].join('\n'),
    ),
    context('`dealfit doctor` checks the whole setup: token, scopes, channels, database.'),
  );
  return { type: 'home', callback_id: CALLBACK_IDS.home, blocks };
}

const MAX_RED_ROWS = 20;

export function buildAppHome(input: HomeInput): HomeView {
  if (input.asOf === null) {
    return buildOnboarding(input.onboarding ?? { salesforce: false, channels: [] });
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
