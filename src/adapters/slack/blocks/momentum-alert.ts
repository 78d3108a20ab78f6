/** Alert type 2: negative segment momentum (MEDIUM; only sent when significant). */
import type { MomentumResult, MomentumSegment } from '../../../app/queries/query-results.js';
import { baselineTestText, smiText } from '../../../domain/digest-words.js';
import {
  asOfContext,
  DIMENSION_LABELS,
  esc,
  fallback,
  header,
  pct,
  rateText,
  section,
} from './format.js';

export { baselineTestText, smiText };

import type { Block, SlackMessage } from './types.js';
import { actionLines, SEVERITY_EMOJI, type Severity } from './win-rate-alert.js';

export interface MomentumAlertInput {
  report: MomentumResult;
  /** default: the most negative significant decline (the alert's subject), else the most negative */
  segment?: MomentumSegment;
  severity: Severity;
  actions: string[];
}

export function significanceText(s: MomentumSegment, fdr: number): string {
  const p = s.p === null ? 'p n/a' : `p = ${s.p < 0.001 ? '< 0.001' : s.p.toFixed(3)}`;
  return s.significant
    ? `significant at FDR ${Math.round(fdr * 100)}% (${p})`
    : `not significant at FDR ${Math.round(fdr * 100)}% (${p})`;
}

/** "46.9% over the four quarters before (2023Q2–2024Q1, n = 1,015)" */
export function baselineText(s: MomentumSegment, report: MomentumResult): string {
  if (!s.baseline) return 'no deals closed in the four quarters before';
  return `${rateText(s.baseline)} over the four quarters before (${report.baselineQuarters.from}–${report.baselineQuarters.to})`;
}

export function buildMomentumAlert(input: MomentumAlertInput): SlackMessage {
  const { report, severity } = input;
  const segment = input.segment ?? report.significantDeclines[0] ?? report.mostNegative;
  if (!segment) throw new RangeError('a momentum alert needs a segment');
  const label = `${DIMENSION_LABELS[segment.dimension]}: ${esc(segment.value)}`;
  const most =
    segment === report.significantDeclines[0]
      ? ' (most negative of the significant declines)'
      : segment === report.mostNegative
        ? ' (most negative across all segments)'
        : '';
  const low = segment.current.n < 30 || segment.previous.n < 30 ? ' · low sample' : '';
  const blocks: Block[] = [
    header('Alert: negative momentum detected'),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Severity*\n${SEVERITY_EMOJI[severity]} ${severity}` },
        { type: 'mrkdwn', text: `*Segment*\n${label}${low}` },
        { type: 'mrkdwn', text: `*SMI*\n${smiText(segment.smi)}${most}` },
        { type: 'mrkdwn', text: `*Test*\n${baselineTestText(segment, report.fdr)}` },
      ],
    },
    section(
      [
        `*Detail* Win rate ${rateText(segment.current)} in ${report.quarter}${report.partial ? ' (quarter to date)' : ''},`,
        `against ${rateText(segment.previous)} in ${report.previousQuarter} (${significanceText(segment, report.fdr)})`,
        `and ${baselineText(segment, report)}, while the segment was ${pct(segment.share)} of closed deals.`,
      ].join(' '),
    ),
    section(
      `*Context* This segment's decline is associated with the largest share of this quarter's win-rate erosion among segments tested.`,
    ),
  ];
  if (input.actions.length > 0) {
    blocks.push(section(`*Recommended action*\n${actionLines(input.actions)}`));
  }
  blocks.push(asOfContext(report.asOf, 'SMI = rate change × share of closed deals'));
  const text = `${severity} alert: negative momentum in ${DIMENSION_LABELS[segment.dimension]} ${segment.value} (SMI ${smiText(segment.smi)}, ${pct(segment.previous.rate)} → ${pct(segment.current.rate)}) — data as of ${report.asOf}`;
  return { text: fallback(text), blocks };
}
