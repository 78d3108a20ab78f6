/** Alert type 4: the monthly rep audit summary (also the body of the /audit answer). */
import type { AuditPairing } from '../../../app/ports/colead-store.js';
import type { AuditIndustry, AuditResult, Tier } from '../../../app/queries/query-results.js';
import { withoutAmount } from '../../../domain/figure-words.js';
import { asOfContext, context, esc, fallback, header, pct, pp, section, usd } from './format.js';
import type { Block, SlackMessage } from './types.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function monthName(month: string): string {
  const [year, mm] = month.split('-');
  const name = MONTHS[Number(mm) - 1];
  return name ? `${name} ${year}` : month;
}

const TIERS: Array<{ tier: Tier; label: string; rule: string }> = [
  {
    tier: 'TOP PERFORMER',
    label: 'Top performers',
    rule: 'above the industry median in ≥ 80% of their industries',
  },
  {
    tier: 'SPECIALIST',
    label: 'Specialists',
    rule: '> 10pp above median in their best, > 10pp below in their worst',
  },
  { tier: 'AVERAGE', label: 'Average', rule: 'mixed, no extreme gaps' },
  {
    tier: 'NEEDS COACHING',
    label: 'Needs coaching',
    rule: 'below the median in ≥ 60% of their industries',
  },
];

export interface RepAuditOptions {
  pairings?: AuditPairing[];
  /** 'post' for the scheduled message, 'answer' for /audit */
  variant?: 'post' | 'answer';
}

function industryFigure(i: AuditIndustry): string {
  return `${esc(i.industry)} ${pct(i.rate)} (n = ${i.n}, ${pp(i.vsMedian)} vs median)`;
}

function routingLines(report: AuditResult): string[] {
  return report.routing.map((r) => {
    const to = r.routeTo.length > 0 ? `route to ${r.routeTo.map(industryFigure).join(', ')}` : '';
    const stop = r.stop.length > 0 ? `STOP assigning ${r.stop.map(industryFigure).join(', ')}` : '';
    return `> *${esc(r.repId)}*: ${[to, stop].filter(Boolean).join('; ')}`;
  });
}

function coachingLines(report: AuditResult, pairings: AuditPairing[]): string[] {
  return report.reps
    .filter((r) => r.tier === 'NEEDS COACHING')
    .map((rep) => {
      const below = rep.industries.filter((i) => i.vsMedian < 0);
      const paired = pairings.filter((p) => p.repId === rep.repId);
      const pairText =
        paired.length > 0
          ? `paired with ${paired.map((p) => `${esc(p.coleadRepId)} on ${p.deals} ${esc(p.industry)} deal${p.deals === 1 ? '' : 's'}`).join(', ')}`
          : 'no co-lead pairing yet';
      return `> *${esc(rep.repId)}*: below median in ${below.length} of ${rep.industries.length} industries; ${pairText}`;
    });
}

export function buildRepAudit(report: AuditResult, options: RepAuditOptions = {}): SlackMessage {
  const industries = Object.keys(report.medians);
  const title =
    options.variant === 'answer'
      ? `Rep audit — ${monthName(report.month)}`
      : `Monthly rep audit — ${monthName(report.month)}`;
  const classification = TIERS.map(({ tier, label, rule }) => {
    const reps = report.reps.filter((r) => r.tier === tier).map((r) => esc(r.repId));
    const list = reps.length > 0 ? `: ${reps.join(', ')}` : '';
    return `*${label}*: ${report.counts[tier]} rep${report.counts[tier] === 1 ? '' : 's'} _(${rule})_${list}`;
  });
  const medians = industries.map((i) => `${esc(i)} ${pct(report.medians[i] ?? null)}`).join(' · ');
  const blocks: Block[] = [
    header(title),
    section(
      `*Team*: ${report.reps.length} reps evaluated across ${industries.length} industries, on deals closed ${report.window.from} to ${report.window.to} (a rep counts in an industry with n ≥ 5)`,
    ),
    section(`*Classification*\n${classification.join('\n')}`),
  ];
  const routing = routingLines(report);
  if (routing.length > 0) {
    blocks.push(section(`*Specialists — routing changes recommended*\n${routing.join('\n')}`));
  }
  const coaching = coachingLines(report, options.pairings ?? []);
  if (coaching.length > 0) {
    blocks.push(section(`*Needs coaching — co-lead partnerships*\n${coaching.join('\n')}`));
  }
  blocks.push(
    section(
      `*Revenue recoverable* if coached reps reached the industry median: ~${usd(report.recoverable)}${withoutAmount(report.recoverableWithoutAmount ?? 0)} (an estimate associated with current rates, not a forecast)`,
    ),
    context(`industry medians (reps with n ≥ 5): ${medians || 'none'}`),
    asOfContext(report.asOf),
  );
  const c = report.counts;
  const text = `Rep audit ${monthName(report.month)}: ${c['TOP PERFORMER']} top performers, ${c.SPECIALIST} specialists, ${c.AVERAGE} average, ${c['NEEDS COACHING']} need coaching; ~${usd(report.recoverable)} recoverable — data as of ${report.asOf}`;
  return { text: fallback(text), blocks };
}
