/**
 * The words of each answer, from its figures. Every rate with n and its interval; changes
 * are "associated with", never "caused by"; a comparison says whether chance alone could
 * give it; a segment with no closed deals is said in words, never as a number.
 */

import { DIMENSION_LABELS, pct, pp, usd, withoutAmount } from '../../domain/figure-words.js';
import { INDUSTRY_NOT_SET } from '../../domain/fit-score.js';
import { twoProportionP } from '../../domain/stats.js';
import type {
  AuditResult,
  MomentumResult,
  RateFigure,
  RsfsReport,
} from '../queries/query-results.js';
import type {
  AskDealsResult,
  AskPipelineResult,
  AskRepResult,
  AskWhyResult,
  AskWinRateResult,
} from '../queries/question-queries.js';
import { statFns } from '../stat-fns.js';
import type { ColeadLine } from './answer-question.js';
import type { Understood } from './understood.js';
import { between, count, filterWords, rateWords } from './wording.js';

const MAX_LINES = 12;

/** "1st", "22nd", "63rd", "4th" (a percentile under 1 reads as the 1st) */
function ordinal(value: number): string {
  const n = Math.max(1, Math.round(value));
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function scope(u: Understood): string {
  const f = filterWords(u.filters);
  return f.length ? ` for ${f.join(' · ')}` : '';
}

/** "−2.7pp; p = 0.41, within what chance alone gives" */
function changeWords(a: RateFigure, b: RateFigure): string {
  if (a.rate === null || b.rate === null) return '';
  const p = twoProportionP(b.won, b.n, a.won, a.n, statFns);
  if (p === null) return pp(b.rate - a.rate);
  const verdict = p < 0.05 ? 'unlikely to be chance alone' : 'within what chance alone gives';
  return `${pp(b.rate - a.rate)} (two-sided p = ${p < 0.001 ? '< 0.001' : p.toFixed(p < 0.01 ? 3 : 2)}, ${verdict})`;
}

export function winRateText(r: AskWinRateResult, u: Understood): string {
  const lines = [`Win rate${scope(u)}, closed ${between(r.period)}: ${rateWords(r.overall)}.`];
  if (r.compareTo) {
    const c = r.compareTo;
    lines.push(`Compared with ${between(c.period)}: ${rateWords(c.overall)}.`);
    const change = changeWords(c.overall, r.overall);
    if (change) lines.push(`Change: ${change}.`);
  }
  if (r.groupBy) {
    if (r.groups.length === 0)
      lines.push(`No closed deals by ${DIMENSION_LABELS[r.groupBy]} in the period.`);
    const before = new Map((r.compareTo?.groups ?? []).map((g) => [g.value, g]));
    for (const g of r.groups.slice(0, MAX_LINES)) {
      const prior = before.get(g.value);
      const was = prior
        ? ` · was ${prior.rate === null ? 'no closed deals' : `${pct(prior.rate)} (n = ${count(prior.n)})`}`
        : '';
      lines.push(`• ${g.value}: ${rateWords(g)}${g.lowSample ? ' · low sample' : ''}${was}`);
    }
    if (r.groups.length > MAX_LINES) lines.push(`…and ${r.groups.length - MAX_LINES} more.`);
    if (r.groups.some((g) => g.lowSample))
      lines.push(
        '_Low sample: fewer than 30 closed deals; its interval is wide and it never drives an alert._',
      );
  }
  return lines.join('\n');
}

export function whyText(r: AskWhyResult, u: Understood): string {
  const head = `Win rate${scope(u)}: ${rateWords(r.before)} in ${between(r.compareTo)}, ${rateWords(r.current)} in ${between(r.period)}.`;
  if (r.change === null)
    return `${head}\nWith no closed deals on one side there is no change to explain.`;
  const lines = [head, `Change: ${changeWords(r.before, r.current)}.`];
  if (r.contributors.length === 0) {
    lines.push('No segment stands out: the change is spread thin across them.');
  } else {
    lines.push(
      `Most associated with the ${r.change < 0 ? 'drop' : 'rise'} (rate and mix effects of each segment; per dimension they add up to the change):`,
    );
    for (const c of r.contributors) {
      lines.push(
        `• ${DIMENSION_LABELS[c.dimension]} ${c.segment}: ${pp(c.total)} (rate ${pp(c.rateEffect)}, mix ${pp(c.mixEffect)}; ${c.previous.rate === null ? 'none' : pct(c.previous.rate)} of ${count(c.previous.n)} → ${c.current.rate === null ? 'none' : pct(c.current.rate)} of ${count(c.current.n)})`,
      );
    }
  }
  lines.push('_These are associations in the data, not causes._');
  return lines.join('\n');
}

export function dealText(r: RsfsReport): string {
  const d = r.deal;
  const state = d.closed ? `closed after ${d.ageDays} days` : `open ${d.ageDays} days`;
  const lines = [
    `Deal ${r.dealId} · ${r.repId} · ${r.industry} · ${d.region} · ${usd(d.amount)} · ${d.stage} · ${state}.`,
    `Fit (RSFS) ${r.rsfs.toFixed(2)} (90% CI ${r.ci[0].toFixed(2)}–${r.ci[1].toFixed(2)}): *${r.flag}*, ${ordinal(r.percentile)} percentile of ${count(r.reference.size)} recent deals. ${
      r.industryNotSet
        ? `${INDUSTRY_NOT_SET}: the fit is ${r.repId}'s pooled overall rate in the year before ${r.assignedAt} (source ${r.source}).`
        : `${r.repId} won ${r.raw.won} of ${r.raw.n} ${r.industry} deals in the year before ${r.assignedAt} (pooled with k = ${r.k.toFixed(0)}; source ${r.source}).`
    }`,
  ];
  if (r.noColead) lines.push(`${r.noColead[0]!.toUpperCase()}${r.noColead.slice(1)}.`);
  if (r.coleadCandidates.length)
    lines.push(
      `Reps with the best fit in ${r.industry}: ${r.coleadCandidates.map((c) => `${c.repId} ${c.rsfs.toFixed(2)} (n = ${c.n})`).join(', ')}.`,
    );
  return lines.join('\n');
}

export function repText(r: AskRepResult, u: Understood): string {
  const others = scope({ ...u, filters: { ...u.filters, rep: undefined } });
  const lines = [
    `${r.repId}${others}, closed ${between(r.period)}: ${rateWords(r.overall)}; all reps${others} ${rateWords(r.team)}.`,
  ];
  if (r.industries.length === 0) {
    lines.push(`${r.repId} has no closed deals to show by industry.`);
    return lines.join('\n');
  }
  lines.push(
    `By industry: closed in the period, and the pooled fit as of ${r.period.to} (last 365 days, shrunk towards the rep's overall rate; 90% CI):`,
  );
  for (const i of r.industries.slice(0, MAX_LINES)) {
    lines.push(
      `• ${i.industry}: ${rateWords(i.raw)} · fit ${i.fit.rsfs.toFixed(2)} (${i.fit.ci[0].toFixed(2)}–${i.fit.ci[1].toFixed(2)}, n = ${i.fit.n})`,
    );
  }
  return lines.join('\n');
}

export function dealsText(r: AskDealsResult, u: Understood): string {
  const f = filterWords(u.filters);
  const what = `open deal${r.count === 1 ? '' : 's'}${f.length ? ` (${f.join(' · ')})` : ''}`;
  if (r.count === 0) return `No ${what} as of ${r.asOf}.`;
  const lines = [
    `${count(r.count)} ${what} as of ${r.asOf}, ${usd(r.amount)} in total${withoutAmount(r.withoutAmount)} · RED ${r.flags.RED} · YELLOW ${r.flags.YELLOW} · GREEN ${r.flags.GREEN}. Riskiest first (lowest fit):`,
  ];
  for (const d of r.deals) {
    lines.push(
      `• ${d.dealId} · ${d.repId} · ${d.industry} · ${d.region} · ${usd(d.amount)} · ${d.ageDays} days · *${d.flag}* (fit ${d.rsfs.toFixed(2)}, ${ordinal(d.percentile)} percentile)`,
    );
  }
  if (r.count > r.deals.length) lines.push(`Showing ${r.deals.length} of ${count(r.count)}.`);
  return lines.join('\n');
}

export function pipelineText(r: AskPipelineResult, u: Understood): string {
  const v = r.velocity;
  const lines = [
    `Open pipeline${scope(u)} as of ${r.asOf}: ${count(r.openDeals)} deals, ${usd(r.amount)}${withoutAmount(r.withoutAmount)}. By age: ${r.ages.under30} under 30 days, ${r.ages.from30to89} 30–89 days, ${r.ages.over90} 90 days or more.`,
  ];
  if (v.value === null) {
    lines.push(
      `Velocity: not defined here (${v.closed90 === 0 ? 'no deals closed in the last 90 days' : 'no deals won in the last 90 days'}).`,
    );
  } else {
    lines.push(
      `Velocity ${usd(v.value)} a day = ${count(v.openDeals)} open × ${v.meanOpenAmount === null ? '—' : usd(v.meanOpenAmount)} mean${withoutAmount(v.openWithoutAmount)} × ${v.winRate90 === null ? '—' : pct(v.winRate90)} win rate (90 days, n = ${count(v.closed90)}) ÷ ${v.meanWonCycleDays90 === null ? '—' : v.meanWonCycleDays90.toFixed(0)} days mean won cycle (n = ${count(v.won90)}).`,
    );
  }
  return lines.join('\n');
}

export function momentumText(r: MomentumResult): string {
  const lines = [
    `Segment momentum, ${r.quarter}${r.partial ? ' (so far)' : ''} against ${r.previousQuarter}, tested against the four quarters ${r.baselineQuarters.from}–${r.baselineQuarters.to} (one-sided, FDR ${Math.round(r.fdr * 100)}%).`,
  ];
  if (r.significantDeclines.length === 0) {
    lines.push('No segment declined beyond chance against its baseline.');
  } else {
    lines.push('Declines beyond chance:');
    for (const s of r.significantDeclines.slice(0, 5)) {
      lines.push(
        `• ${DIMENSION_LABELS[s.dimension]} ${s.value}: ${rateWords(s.current)} vs baseline ${s.baseline ? rateWords(s.baseline) : 'none'} (p = ${s.declineP?.toFixed(3)}); SMI ${pp(s.smi)}`,
      );
    }
  }
  const m = r.mostNegative;
  if (m && !r.significantDeclines.includes(m))
    lines.push(
      `Most negative SMI: ${DIMENSION_LABELS[m.dimension]} ${m.value} ${pp(m.smi)} (${rateWords(m.previous)} → ${rateWords(m.current)}), not beyond chance.`,
    );
  return lines.join('\n');
}

export function auditText(r: AuditResult): string {
  const c = r.counts;
  return [
    `Rep audit for ${r.month} (closed ${between(r.window)}): ${c['TOP PERFORMER']} top performers, ${c.SPECIALIST} specialists, ${c.AVERAGE} average, ${c['NEEDS COACHING']} need coaching.`,
    ...r.reps
      .filter((rep) => rep.tier === 'NEEDS COACHING')
      .slice(0, 5)
      .map(
        (rep) => `• ${rep.repId} needs coaching (${rep.industries.length} industries with n ≥ 5)`,
      ),
    r.recoverable > 0 ? `Revenue recoverable from coaching: ${usd(r.recoverable)}.` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function coleadsText(rows: ColeadLine[], u: Understood): string {
  const rep = u.filters.rep;
  const shown = rep ? rows.filter((r) => r.ownerRepId === rep || r.coleadRepId === rep) : rows;
  if (shown.length === 0) return `No co-lead proposals${rep ? ` involving ${rep}` : ''} yet.`;
  const states = new Map<string, number>();
  for (const r of shown) states.set(r.state, (states.get(r.state) ?? 0) + 1);
  return [
    `${shown.length} co-lead proposal${shown.length === 1 ? '' : 's'}${rep ? ` involving ${rep}` : ''}: ${[...states].map(([s, n]) => `${n} ${s}`).join(', ')}. Newest first:`,
    ...shown
      .slice(0, 10)
      .map(
        (r) =>
          `• ${r.dealId} · ${r.industry} · owner ${r.ownerRepId} · co-lead ${r.coleadRepId ?? 'none'} · ${r.state} · proposed ${r.proposedAt.slice(0, 10)}`,
      ),
  ].join('\n');
}
