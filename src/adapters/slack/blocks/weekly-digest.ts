/** The weekly sales intelligence digest (Monday morning, alerts channel). */
import type { DigestInput } from '../../../app/alerts/digest.js';
import type {
  DriverShift,
  DriversResult,
  MomentumResult,
  MomentumSegment,
  WinRateResult,
} from '../../../app/queries/query-results.js';
import { isNotSet } from '../../../domain/deal.js';
import { hygieneLine } from '../../../domain/deal-fields.js';
import { withoutAmount } from '../../../domain/figure-words.js';
import { evidenceSentence, fitEvidence } from '../../../domain/fit-evidence.js';
import {
  asOfContext,
  context,
  DIMENSION_LABELS,
  esc,
  fallback,
  header,
  pct,
  pp,
  rateText,
  section,
  usd,
} from './format.js';
import { baselineTestText, smiText } from './momentum-alert.js';
import type { Block, SlackMessage } from './types.js';
import { trendText } from './winrate-answer.js';

function weekChange(report: WinRateResult, lastWeek?: DigestInput['lastWeek']): string {
  if (lastWeek && report.overall.rate !== null) {
    const d = report.overall.rate - lastWeek.rate;
    return ` (${d < 0 ? 'down' : 'up'} ${pp(d).replace(/^[+−]/, '')} from ${pct(lastWeek.rate)} on ${lastWeek.asOf})`;
  }
  const [prev, last] = report.trend.slice(-2);
  if (!prev || !last || prev.rate === null || last.rate === null) return '';
  const d = last.rate - prev.rate;
  return ` (${d < 0 ? 'down' : 'up'} ${pp(d).replace(/^[+−]/, '')} from last week)`;
}

function segmentLine(
  s: MomentumSegment,
  report: MomentumResult,
  direction: 'decline' | 'rise',
): string {
  const baseline = s.baseline
    ? `, ${pct(s.baseline.rate)} over the four quarters before (n = ${s.baseline.n})`
    : '';
  return `${DIMENSION_LABELS[s.dimension]} ${esc(s.value)}: ${pct(s.previous.rate)} → ${rateText(s.current)}${baseline}, SMI ${smiText(s.smi)}, ${baselineTestText(s, report.fdr, direction)}${s.current.n < 30 ? ', low sample' : ''}`;
}

function topThings(input: DigestInput): string[] {
  const things: string[] = [];
  const m = input.momentum;
  // a significant decline (the momentum test) comes first; else the weakest SMI, said as is
  const weakest = m?.significantDeclines[0] ?? m?.mostNegative;
  if (m && weakest && weakest.smi < 0) {
    things.push(`Weakest momentum — ${segmentLine(weakest, m, 'decline')}`);
  }
  const best = m?.segments
    .filter((s) => s.smi > 0 && s.current.n >= 30 && !isNotSet(s.value))
    .sort((a, b) => b.smi - a.smi)[0];
  if (m && best) things.push(`Bright spot — ${segmentLine(best, m, 'rise')}`);
  things.push(
    `${input.redDeals} open deal${input.redDeals === 1 ? '' : 's'} flagged RED (RSFS below the 25th percentile)${input.colead ? ' — co-leads proposed via top-3 round-robin' : ''}. ${evidenceSentence(fitEvidence(input.drivers))}`,
  );
  return things.slice(0, 3).map((t, i) => `${i + 1}. ${t}`);
}

function driverText(d: DriversResult, shift: DigestInput['driverShift']): string {
  const auc = (a: DriversResult['auc']['rsfs']) =>
    a.value === null
      ? `undefined (${a.undefinedReason ?? 'too few deals'})`
      : `${a.value.toFixed(2)}${a.ci ? ` (95% CI ${a.ci[0].toFixed(2)}–${a.ci[1].toFixed(2)})` : ''}`;
  return [
    shiftText(shift),
    `Validation AUC on ${d.validation.n} deals: RSFS alone ${auc(d.auc.rsfs)}, deal characteristics alone ${auc(d.auc.deal)}, both ${auc(d.auc.combined)}. Associations, not causes.`,
  ].join('\n');
}

function velocityLine(v: DigestInput['velocity']): string {
  if (!v) return '';
  if (v.value === null) return '\nvelocity n/a (no wins in the last 90 days)';
  const change =
    v.previous?.value != null ? ` (${usd(v.previous.value)}/day on ${v.previous.asOf})` : '';
  return `\nvelocity ${usd(v.value)}/day${change}`;
}

/** What velocity is made of, each factor with its n, so nobody reads it as a forecast. */
function velocityInputs(v: NonNullable<DigestInput['velocity']>): string {
  return `Velocity = ${v.openDeals} open deals × ${usd(v.meanOpenAmount ?? 0)} mean amount${withoutAmount(v.openWithoutAmount ?? 0)} × ${pct(v.winRate90)} won of ${v.closed90} closed in 90 days ÷ ${v.meanWonCycleDays90?.toFixed(0) ?? 'n/a'}-day mean cycle of ${v.won90} wins; as of ${v.asOf}.`;
}

/**
 * Co-led against solo RED deals, each with n and its interval, and said for what it is:
 * managers chose which deals to pair, so it is an association, not the pairing's effect.
 */
function redOutcomesText(o: NonNullable<DigestInput['colead']>['redOutcomes']): string {
  if (!o || o.coled.n + o.solo.n === 0) return '';
  return `\n> RED-flagged deals closed since ${o.since}: with a co-lead, won ${rateText(o.coled)}; without, won ${rateText(o.solo)}. Not a controlled comparison: managers chose which deals to pair.`;
}

/** The week-over-week line of the driver update (metrics.md "significant shift"). */
function shiftText(shift: DigestInput['driverShift']): string {
  if (!shift) return 'First driver model: no week-over-week comparison yet.';
  if (shift.shifts.length === 0) {
    return `No significant shift in win-rate drivers since the model of ${shift.since} (every odds ratio's 95% interval overlaps its previous one).`;
  }
  const or = (o: DriverShift['after']) =>
    `${o.oddsRatio.toFixed(2)} (${o.ci[0].toFixed(2)}–${o.ci[1].toFixed(2)})`;
  const shown = shift.shifts
    .slice(0, 5)
    .map((s) => `• ${esc(s.feature)}: odds ratio ${or(s.before)} → ${or(s.after)}`);
  const more = shift.shifts.length > 5 ? [`…and ${shift.shifts.length - 5} more`] : [];
  return [
    `Significant shift since the model of ${shift.since} (95% intervals no longer overlap):`,
    ...shown,
    ...more,
  ].join('\n');
}

export function buildWeeklyDigest(input: DigestInput): SlackMessage {
  const w = input.winRate;
  const rsfs = input.avgRsfs
    ? `${input.avgRsfs.value.toFixed(3)}${input.avgRsfs.previous !== null ? ` (${pp(input.avgRsfs.value - input.avgRsfs.previous).replace('pp', '')} vs last week)` : ''}`
    : 'n/a';
  const blocks: Block[] = [
    header('Weekly sales intelligence digest'),
    context(`week of *${input.weekOf}*`),
    {
      type: 'section',
      fields: [
        {
          type: 'mrkdwn',
          text: `*Win rate (rolling ${w.window === 'all' ? 'all' : `${w.window}d`})*\n${rateText(w.overall)}${weekChange(w, input.lastWeek)}`,
        },
        {
          type: 'mrkdwn',
          text: `*Pipeline*\n${usd(input.pipeline.openAmount)}${withoutAmount(input.pipeline.openWithoutAmount ?? 0)} across ${input.pipeline.openDeals} open deals${velocityLine(input.velocity)}`,
        },
        { type: 'mrkdwn', text: `*Avg RSFS (open deals)*\n${rsfs}` },
        { type: 'mrkdwn', text: `*Trend*\n${trendText(w)}` },
      ],
    },
    ...(input.velocity?.value != null ? [context(velocityInputs(input.velocity))] : []),
    section(`*Top 3 things to know*\n${topThings(input).join('\n')}`),
  ];
  if (input.colead) {
    const lift =
      input.colead.meanLift === null
        ? ''
        : `\n> Mean expected fit lift on the ${input.colead.active} active pairings: ${pp(input.colead.meanLift)}; ${input.colead.credibleLifts ?? 0} of ${input.colead.active} credible (interval above 0), the rest within chance`;
    blocks.push(
      section(
        `*Co-lead partnerships*\n> ${input.colead.active} active pairings\n> ${input.colead.closedWon} partnered deals closed won this week${lift}${redOutcomesText(input.colead.redOutcomes)}`,
      ),
    );
  }
  if (input.drivers) {
    blocks.push(section(`*Drivers*\n${driverText(input.drivers, input.driverShift)}`));
  }
  if (input.foldedAlerts && input.foldedAlerts.length > 0) {
    blocks.push(
      section(
        `*Also this week* (alerts held back by the weekly budget):\n${input.foldedAlerts
          .slice(0, 10)
          .map((a) => `• ${esc(a)}`)
          .join('\n')}`,
      ),
    );
  }
  if (input.snoozedAlerts && input.snoozedAlerts.length > 0) {
    blocks.push(
      section(
        `*Snoozed* (not posted or updated until the snooze ends):\n${input.snoozedAlerts
          .slice(0, 10)
          .map(
            (a) =>
              `• ${esc(`${a.severity ? `${a.severity}: ` : ''}${a.title}`)}: snoozed by <@${a.userId}> until ${a.until.slice(0, 10)} ${a.until.slice(11, 16)} UTC`,
          )
          .join('\n')}`,
      ),
    );
  }
  if (input.hygiene) blocks.push(context(`${hygieneLine(input.hygiene)} · \`dealfit hygiene\``));
  blocks.push(asOfContext(w.asOf, 'rates carry n and 95% Wilson intervals'));
  const text = `Weekly digest (week of ${input.weekOf}): win rate ${pct(w.overall.rate)} (n = ${w.overall.n}), ${input.redDeals} RED deals — data as of ${w.asOf}`;
  return { text: fallback(text), blocks };
}
