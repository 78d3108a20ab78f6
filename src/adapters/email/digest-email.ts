/**
 * The weekly digest as an email: the same sentences as the Slack digest
 * (domain/digest-words.ts), so the same figures, n and intervals, laid out as HTML with the
 * trend chart inline (by its cid) and as plain text, with "data as of" and how to stop it.
 */
import type { DigestInput } from '../../app/alerts/digest.js';
import type { EmailContent, InlineImage } from '../../app/ports/mailer.js';
import { hygieneLine } from '../../domain/deal-fields.js';
import {
  avgRsfsText,
  coleadLines,
  DIGEST_WORDS,
  declinesText,
  digestSummary,
  driverLines,
  pipelineText,
  snoozedLine,
  topThings,
  velocityInputsText,
  velocityText,
  weekChangeText,
} from '../../domain/digest-words.js';
import { rateText } from '../../domain/figure-words.js';
import {
  assemble,
  figures,
  footer,
  heading,
  html,
  list,
  type Part,
  paragraph,
  plain,
} from './html.js';

export const DIGEST_EMAIL_VARIABLE = 'DEALFIT_DIGEST_EMAILS';

function trendLine(input: DigestInput): string {
  const t = input.winRate.trend;
  if (t.length === 0) return 'no weekly trend yet';
  return `${t[0]!.weekEnd} → ${t[t.length - 1]!.weekEnd} · ${declinesText(input.winRate)}`;
}

function chartPart(input: DigestInput, chart: InlineImage | null): Part[] {
  if (!chart) return [];
  const alt = `Rolling 90-day win rate at each of the last ${input.winRate.trend.length} week-ends`;
  return [
    {
      html: `<p><img src="cid:${html(chart.cid)}" alt="${html(alt)}" width="640" style="max-width:100%;height:auto"></p>`,
      text: `(Chart: ${alt.toLowerCase()}, in the HTML version of this email.)`,
    },
  ];
}

export function buildDigestEmail(input: DigestInput, chart: InlineImage | null): EmailContent {
  const w = input.winRate;
  const velocity = velocityText(input.velocity);
  const parts: Part[] = [
    paragraph(`Week of ${input.weekOf}`, true),
    figures([
      [
        `Win rate (rolling ${w.window === 'all' ? 'all' : `${w.window}d`})`,
        `${rateText(w.overall)}${weekChangeText(w, input.lastWeek)}`,
      ],
      ['Pipeline', `${pipelineText(input.pipeline)}${velocity ? `\n${velocity}` : ''}`],
      ['Avg RSFS (open deals)', avgRsfsText(input.avgRsfs)],
      ['Trend', trendLine(input)],
    ]),
    ...chartPart(input, chart),
    ...(input.velocity?.value != null ? [paragraph(velocityInputsText(input.velocity), true)] : []),
    heading(DIGEST_WORDS.topThings),
    list(
      topThings(
        {
          momentum: input.momentum,
          redDeals: input.redDeals,
          coleads: input.colead !== null,
          drivers: input.drivers,
        },
        plain,
      ),
      true,
    ),
  ];
  if (input.colead) parts.push(heading(DIGEST_WORDS.coleads), list(coleadLines(input.colead)));
  if (input.drivers) {
    const [first, ...rest] = driverLines(input.drivers, input.driverShift ?? null, plain);
    parts.push(heading(DIGEST_WORDS.drivers), paragraph(first ?? ''));
    const shifts = rest.filter((l) => l.startsWith('• ')).map((l) => l.slice(2));
    if (shifts.length > 0) parts.push(list(shifts));
    for (const line of rest.filter((l) => !l.startsWith('• '))) parts.push(paragraph(line));
  }
  if (input.foldedAlerts && input.foldedAlerts.length > 0) {
    const { label, note } = DIGEST_WORDS.folded;
    parts.push(heading(label), paragraph(note, true), list(input.foldedAlerts.slice(0, 10)));
  }
  if (input.snoozedAlerts && input.snoozedAlerts.length > 0) {
    const { label, note } = DIGEST_WORDS.snoozed;
    parts.push(
      heading(label),
      paragraph(note, true),
      list(input.snoozedAlerts.slice(0, 10).map((a) => snoozedLine(a, plain, (id) => id))),
    );
  }
  if (input.hygiene) parts.push(paragraph(`${hygieneLine(input.hygiene)} · dealfit hygiene`, true));
  parts.push(
    footer({ asOf: w.asOf, extra: DIGEST_WORDS.intervals, variable: DIGEST_EMAIL_VARIABLE }),
  );
  const body = assemble(DIGEST_WORDS.title, parts);
  return {
    subject: digestSummary(input),
    html: body.html,
    text: body.text,
    ...(chart ? { inline: [chart] } : {}),
  };
}
