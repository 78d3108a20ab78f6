/**
 * The weekly digest's sentences, one copy for every medium that shows it (the Slack blocks,
 * the email's HTML and text): the same figures, n and intervals everywhere. They are plain
 * text; CRM text (a segment, a feature, an alert title) goes through the medium's own
 * `esc`, and the medium adds its own emphasis around them.
 */
import { isNotSet } from './deal.js';
import type { DriverShift, DriversResult, OddsRatio } from './drivers.js';
import { DIMENSION_LABELS, pct, pp, rateText, usd, withoutAmount } from './figure-words.js';
import { evidenceSentence, fitEvidence } from './fit-evidence.js';
import type { MomentumResult, MomentumSegment } from './momentum.js';
import type { RateFigure } from './stats.js';
import type { Velocity } from './velocity.js';
import type { WinRateResult } from './win-rate.js';

/** How CRM text is made safe in a medium (Slack mrkdwn, HTML); identity for plain text. */
export type Escape = (crmText: string) => string;

/** Velocity at the newest daily run, with the value a week earlier. */
export type DatedVelocity = Velocity & {
  asOf: string;
  previous: { asOf: string; value: number | null } | null;
};

/** RED-flagged deals closed since `since`, with an approved co-lead and without. */
export interface RedOutcomes {
  since: string;
  coled: RateFigure;
  solo: RateFigure;
}

/** The driver model's week-over-week comparison; null when there is no earlier model. */
export type DriverShiftSince = { since: string; shifts: DriverShift[] } | null;

/** SMI with three decimals and a true minus sign. */
export function smiText(smi: number): string {
  return smi.toFixed(3).replace('-', '−');
}

/** The momentum test: the quarter against the four quarters before, one-sided. */
export function baselineTestText(
  s: MomentumSegment,
  fdr: number,
  direction: 'decline' | 'rise' = 'decline',
): string {
  const p = direction === 'decline' ? s.declineP : s.riseP;
  if (!s.baseline || p === null) return 'no baseline (nothing closed in the four quarters before)';
  const significant = direction === 'decline' ? s.declineSignificant : s.riseSignificant;
  const shown = p < 0.001 ? '< 0.001' : p.toFixed(3);
  return `${direction} vs the four quarters before p = ${shown}, ${significant ? 'significant' : 'not significant'} at FDR ${Math.round(fdr * 100)}%`;
}

/** " (down 1.2pp from 44.0% on 2024-06-23)", or from the weekly trend; "" without either. */
export function weekChangeText(
  report: WinRateResult,
  lastWeek?: { rate: number; asOf: string } | null,
): string {
  if (lastWeek && report.overall.rate !== null) {
    const d = report.overall.rate - lastWeek.rate;
    return ` (${d < 0 ? 'down' : 'up'} ${pp(d).replace(/^[+−]/, '')} from ${pct(lastWeek.rate)} on ${lastWeek.asOf})`;
  }
  const [prev, last] = report.trend.slice(-2);
  if (!prev || !last || prev.rate === null || last.rate === null) return '';
  const d = last.rate - prev.rate;
  return ` (${d < 0 ? 'down' : 'up'} ${pp(d).replace(/^[+−]/, '')} from last week)`;
}

/** "declining for 3 consecutive weeks" / "not declining this week" */
export function declinesText(report: WinRateResult): string {
  const n = report.consecutiveDeclines;
  return n > 0
    ? `declining for ${n} consecutive week${n === 1 ? '' : 's'}`
    : 'not declining this week';
}

function segmentLine(
  s: MomentumSegment,
  report: MomentumResult,
  direction: 'decline' | 'rise',
  esc: Escape,
): string {
  const baseline = s.baseline
    ? `, ${pct(s.baseline.rate)} over the four quarters before (n = ${s.baseline.n})`
    : '';
  return `${DIMENSION_LABELS[s.dimension]} ${esc(s.value)}: ${pct(s.previous.rate)} → ${rateText(s.current)}${baseline}, SMI ${smiText(s.smi)}, ${baselineTestText(s, report.fdr, direction)}${s.current.n < 30 ? ', low sample' : ''}`;
}

/** The digest's "Top 3 things to know", numbered. */
export function topThings(
  o: {
    momentum: MomentumResult | null;
    redDeals: number;
    coleads: boolean;
    /** the driver model in use: whether a RED flag is worth much here */
    drivers: DriversResult | null;
  },
  esc: Escape,
): string[] {
  const things: string[] = [];
  const m = o.momentum;
  // a significant decline (the momentum test) comes first; else the weakest SMI, said as is
  const weakest = m?.significantDeclines[0] ?? m?.mostNegative;
  if (m && weakest && weakest.smi < 0) {
    things.push(`Weakest momentum — ${segmentLine(weakest, m, 'decline', esc)}`);
  }
  const best = m?.segments
    .filter((s) => s.smi > 0 && s.current.n >= 30 && !isNotSet(s.value))
    .sort((a, b) => b.smi - a.smi)[0];
  if (m && best) things.push(`Bright spot — ${segmentLine(best, m, 'rise', esc)}`);
  things.push(
    `${o.redDeals} open deal${o.redDeals === 1 ? '' : 's'} flagged RED (RSFS below the 25th percentile)${o.coleads ? ' — co-leads proposed via top-3 round-robin' : ''}. ${evidenceSentence(fitEvidence(o.drivers))}`,
  );
  return things.slice(0, 3).map((t, i) => `${i + 1}. ${t}`);
}

/** "$1.2M (3 without an amount, left out) across 120 open deals" */
export function pipelineText(p: {
  openDeals: number;
  openAmount: number;
  openWithoutAmount?: number;
}): string {
  return `${usd(p.openAmount)}${withoutAmount(p.openWithoutAmount ?? 0)} across ${p.openDeals} open deals`;
}

/** "0.512 (+1.3 vs last week)", or "n/a" */
export function avgRsfsText(avg: { value: number; previous: number | null } | null): string {
  if (!avg) return 'n/a';
  const change =
    avg.previous !== null
      ? ` (${pp(avg.value - avg.previous).replace('pp', '')} vs last week)`
      : '';
  return `${avg.value.toFixed(3)}${change}`;
}

/** "velocity $12K/day ($11K/day on 2024-06-23)"; null without a velocity. */
export function velocityText(v: DatedVelocity | null | undefined): string | null {
  if (!v) return null;
  if (v.value === null) return 'velocity n/a (no wins in the last 90 days)';
  const change =
    v.previous?.value != null ? ` (${usd(v.previous.value)}/day on ${v.previous.asOf})` : '';
  return `velocity ${usd(v.value)}/day${change}`;
}

/** What velocity is made of, each factor with its n, so nobody reads it as a forecast. */
export function velocityInputsText(v: DatedVelocity): string {
  return `Velocity = ${v.openDeals} open deals × ${usd(v.meanOpenAmount ?? 0)} mean amount${withoutAmount(v.openWithoutAmount ?? 0)} × ${pct(v.winRate90)} won of ${v.closed90} closed in 90 days ÷ ${v.meanWonCycleDays90?.toFixed(0) ?? 'n/a'}-day mean cycle of ${v.won90} wins; as of ${v.asOf}.`;
}

/** The co-lead update's lines (without the medium's quoting). */
export function coleadLines(c: {
  active: number;
  closedWon: number;
  meanLift: number | null;
  /** of the active pairings, how many had a credible lift (interval above 0) */
  credibleLifts?: number;
  redOutcomes?: RedOutcomes;
}): string[] {
  const lines = [
    `${c.active} active pairings`,
    `${c.closedWon} partnered deals closed won this week`,
  ];
  if (c.meanLift !== null)
    lines.push(
      `Mean expected fit lift on the ${c.active} active pairings: ${pp(c.meanLift)}; ${c.credibleLifts ?? 0} of ${c.active} credible (interval above 0), the rest within chance`,
    );
  const o = c.redOutcomes;
  // managers chose which deals to pair: an association, not the pairing's effect
  if (o && o.coled.n + o.solo.n > 0) {
    lines.push(
      `RED-flagged deals closed since ${o.since}: with a co-lead, won ${rateText(o.coled)}; without, won ${rateText(o.solo)}. Not a controlled comparison: managers chose which deals to pair.`,
    );
  }
  return lines;
}

/** The driver update: the week-over-week shift (metrics.md "significant shift"), then AUCs. */
export function driverLines(d: DriversResult, shift: DriverShiftSince, esc: Escape): string[] {
  const auc = (a: DriversResult['auc']['rsfs']) =>
    a.value === null
      ? `undefined (${a.undefinedReason ?? 'too few deals'})`
      : `${a.value.toFixed(2)}${a.ci ? ` (95% CI ${a.ci[0].toFixed(2)}–${a.ci[1].toFixed(2)})` : ''}`;
  return [
    ...shiftLines(shift, esc),
    `Validation AUC on ${d.validation.n} deals: RSFS alone ${auc(d.auc.rsfs)}, deal characteristics alone ${auc(d.auc.deal)}, both ${auc(d.auc.combined)}. Associations, not causes.`,
  ];
}

function shiftLines(shift: DriverShiftSince, esc: Escape): string[] {
  if (!shift) return ['First driver model: no week-over-week comparison yet.'];
  if (shift.shifts.length === 0) {
    return [
      `No significant shift in win-rate drivers since the model of ${shift.since} (every odds ratio's 95% interval overlaps its previous one).`,
    ];
  }
  const or = (o: OddsRatio) =>
    `${o.oddsRatio.toFixed(2)} (${o.ci[0].toFixed(2)}–${o.ci[1].toFixed(2)})`;
  const shown = shift.shifts
    .slice(0, 5)
    .map((s) => `• ${esc(s.feature)}: odds ratio ${or(s.before)} → ${or(s.after)}`);
  const more = shift.shifts.length > 5 ? [`…and ${shift.shifts.length - 5} more`] : [];
  return [
    `Significant shift since the model of ${shift.since} (95% intervals no longer overlap):`,
    ...shown,
    ...more,
  ];
}

/** "HIGH: Win rate below threshold: snoozed by U0ALICE until 2024-07-07 06:00 UTC" */
export function snoozedLine(
  a: { severity: string; title: string; userId: string; until: string },
  esc: Escape,
  who: (userId: string) => string,
): string {
  return `${esc(`${a.severity ? `${a.severity}: ` : ''}${a.title}`)}: snoozed by ${who(a.userId)} until ${a.until.slice(0, 10)} ${a.until.slice(11, 16)} UTC`;
}

/** The digest's headings, shared so both media say the same. */
export const DIGEST_WORDS = {
  title: 'Weekly sales intelligence digest',
  topThings: 'Top 3 things to know',
  coleads: 'Co-lead partnerships',
  drivers: 'Drivers',
  folded: { label: 'Also this week', note: '(alerts held back by the weekly budget)' },
  snoozed: { label: 'Snoozed', note: '(not posted or updated until the snooze ends)' },
  intervals: 'rates carry n and 95% Wilson intervals',
} as const;

/** The one-line summary: Slack's notification text, the email's subject. */
export function digestSummary(o: {
  weekOf: string;
  winRate: WinRateResult;
  redDeals: number;
}): string {
  const w = o.winRate;
  return `Weekly digest (week of ${o.weekOf}): win rate ${pct(w.overall.rate)} (n = ${w.overall.n}), ${o.redDeals} RED deals — data as of ${w.asOf}`;
}
