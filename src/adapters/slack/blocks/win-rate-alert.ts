/** Alert type 1: the rolling win rate fell below the configured threshold (HIGH). */
import type { WinRateResult } from '../../../app/queries/query-results.js';
import {
  asOfContext,
  DIMENSION_LABELS,
  esc,
  fallback,
  header,
  pct,
  pp,
  rateText,
  section,
  windowText,
} from './format.js';
import type { Block, SlackMessage } from './types.js';
import { contributorText, trendText } from './winrate-answer.js';

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';

export const SEVERITY_EMOJI: Record<Severity, string> = {
  HIGH: ':rotating_light:',
  MEDIUM: ':warning:',
  LOW: ':information_source:',
};

export interface WinRateAlertInput {
  report: WinRateResult;
  /** the configured threshold, a fraction */
  threshold: number;
  severity: Severity;
  /** 1–3 recommended actions, already worded for people */
  actions: string[];
}

export function actionLines(actions: string[]): string {
  return actions
    .slice(0, 3)
    .map((a) => `> ${esc(a)}`)
    .join('\n');
}

/** The segments (other than the biggest contributor) that pulled the rate down most. */
function affectedSegments(report: WinRateResult): string {
  const rows = report.decomposition
    .filter((row) => row.total < 0 && row !== report.biggestContributor)
    .filter((row) => row.current.rate !== null && row.previous.rate !== null)
    .sort((a, b) => a.total - b.total)
    .slice(0, 3);
  if (rows.length === 0) return '';
  return rows
    .map((row) => {
      const low = row.current.n < 30 ? ', low sample' : '';
      const change = pp((row.current.rate ?? 0) - (row.previous.rate ?? 0));
      return `${DIMENSION_LABELS[row.dimension]} ${esc(row.segment)} (${change}, n = ${row.current.n}${low})`;
    })
    .join(', ');
}

export function buildWinRateAlert(input: WinRateAlertInput): SlackMessage {
  const { report, threshold, severity } = input;
  const blocks: Block[] = [
    header(`${severity === 'HIGH' ? 'Alert' : 'Notice'}: win rate below threshold`),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Severity*\n${SEVERITY_EMOJI[severity]} ${severity}` },
        { type: 'mrkdwn', text: `*Metric*\nWin rate (${windowText(report.window)})` },
        { type: 'mrkdwn', text: `*Current*\n${rateText(report.overall)}` },
        { type: 'mrkdwn', text: `*Threshold*\n${pct(threshold)}` },
        {
          type: 'mrkdwn',
          text: `*Previous window*\n${report.previous ? rateText(report.previous) : 'n/a'}`,
        },
        { type: 'mrkdwn', text: `*Trend*\n${trendText(report)}` },
      ],
    },
  ];
  const contextLines: string[] = [];
  if (report.biggestContributor) {
    contextLines.push(
      `Biggest contributor: the drop is most associated with ${contributorText(report.biggestContributor)}`,
    );
  }
  const affected = affectedSegments(report);
  if (affected) contextLines.push(`Also associated: ${affected}`);
  if (contextLines.length > 0) blocks.push(section(`*Context*\n${contextLines.join('\n')}`));
  if (input.actions.length > 0) {
    blocks.push(section(`*Recommended action*\n${actionLines(input.actions)}`));
  }
  blocks.push(asOfContext(report.asOf, 'figures are associations, not causes'));
  const text = `${severity} alert: win rate ${pct(report.overall.rate)} (n = ${report.overall.n}) is below the ${pct(threshold)} threshold — data as of ${report.asOf}`;
  return { text: fallback(text), blocks };
}
