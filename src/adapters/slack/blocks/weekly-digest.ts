/**
 * The weekly sales intelligence digest (Monday morning, alerts channel) as Block Kit. Its
 * sentences are domain/digest-words.ts, shared with the email; this file lays them out.
 */
import type { DigestInput } from '../../../app/alerts/digest.js';
import { hygieneLine } from '../../../domain/deal-fields.js';
import {
  avgRsfsText,
  coleadLines,
  DIGEST_WORDS,
  digestSummary,
  driverLines,
  pipelineText,
  snoozedLine,
  topThings,
  velocityInputsText,
  velocityText,
  weekChangeText,
} from '../../../domain/digest-words.js';
import { asOfContext, context, esc, fallback, header, rateText, section } from './format.js';
import type { Block, SlackMessage } from './types.js';
import { trendText } from './winrate-answer.js';

export function buildWeeklyDigest(input: DigestInput): SlackMessage {
  const w = input.winRate;
  const velocity = velocityText(input.velocity);
  const blocks: Block[] = [
    header(DIGEST_WORDS.title),
    context(`week of *${input.weekOf}*`),
    {
      type: 'section',
      fields: [
        {
          type: 'mrkdwn',
          text: `*Win rate (rolling ${w.window === 'all' ? 'all' : `${w.window}d`})*\n${rateText(w.overall)}${weekChangeText(w, input.lastWeek)}`,
        },
        {
          type: 'mrkdwn',
          text: `*Pipeline*\n${pipelineText(input.pipeline)}${velocity ? `\n${velocity}` : ''}`,
        },
        { type: 'mrkdwn', text: `*Avg RSFS (open deals)*\n${avgRsfsText(input.avgRsfs)}` },
        { type: 'mrkdwn', text: `*Trend*\n${trendText(w)}` },
      ],
    },
    ...(input.velocity?.value != null ? [context(velocityInputsText(input.velocity))] : []),
    section(
      `*${DIGEST_WORDS.topThings}*\n${topThings({ momentum: input.momentum, redDeals: input.redDeals, coleads: input.colead !== null, drivers: input.drivers }, esc).join('\n')}`,
    ),
  ];
  if (input.colead) {
    blocks.push(
      section(
        `*${DIGEST_WORDS.coleads}*\n${coleadLines(input.colead)
          .map((l) => `> ${l}`)
          .join('\n')}`,
      ),
    );
  }
  if (input.drivers) {
    blocks.push(
      section(
        `*${DIGEST_WORDS.drivers}*\n${driverLines(input.drivers, input.driverShift ?? null, esc).join('\n')}`,
      ),
    );
  }
  if (input.foldedAlerts && input.foldedAlerts.length > 0) {
    const { label, note } = DIGEST_WORDS.folded;
    blocks.push(
      section(
        `*${label}* ${note}:\n${input.foldedAlerts
          .slice(0, 10)
          .map((a) => `• ${esc(a)}`)
          .join('\n')}`,
      ),
    );
  }
  if (input.snoozedAlerts && input.snoozedAlerts.length > 0) {
    const { label, note } = DIGEST_WORDS.snoozed;
    blocks.push(
      section(
        `*${label}* ${note}:\n${input.snoozedAlerts
          .slice(0, 10)
          .map((a) => `• ${snoozedLine(a, esc, (id) => `<@${id}>`)}`)
          .join('\n')}`,
      ),
    );
  }
  if (input.hygiene) blocks.push(context(`${hygieneLine(input.hygiene)} · \`dealfit hygiene\``));
  blocks.push(asOfContext(w.asOf, DIGEST_WORDS.intervals));
  return { text: fallback(digestSummary(input)), blocks };
}
