/**
 * Every alert message: the win-rate and momentum alerts (their own builders), ops alerts,
 * under the header the alert's state (still active, resolved, snoozed), and under each one
 * "Useful / Not useful" and "Snooze 7 days / 30 days" buttons that carry the alert's id, so
 * a click lands on the logged alert.
 */
import type { AlertState, AlertView } from '../../../app/alerts/alert-lifecycle.js';
import type { AlertCandidate } from '../../../domain/alert-rules.js';
import { ACTION_IDS, BLOCK_IDS } from '../ids.js';
import { asOfContext, context, esc, fallback, header, section } from './format.js';
import { buildMomentumAlert } from './momentum-alert.js';
import type { ActionsBlock, Block, SlackMessage } from './types.js';
import { actionLines, buildWinRateAlert, SEVERITY_EMOJI } from './win-rate-alert.js';

/** The snooze buttons' lengths, in days. */
export const SNOOZE_DAYS = [7, 30] as const;

export function feedbackButtons(alertId: number): ActionsBlock {
  return {
    type: 'actions',
    block_id: BLOCK_IDS.alertFeedback,
    elements: [
      {
        type: 'button',
        action_id: ACTION_IDS.alertUseful,
        text: { type: 'plain_text', text: 'Useful' },
        value: String(alertId),
      },
      {
        type: 'button',
        action_id: ACTION_IDS.alertNotUseful,
        text: { type: 'plain_text', text: 'Not useful' },
        value: String(alertId),
      },
      ...SNOOZE_DAYS.map((days) => ({
        type: 'button' as const,
        action_id: `${ACTION_IDS.alertSnooze}_${days}`,
        text: { type: 'plain_text' as const, text: `Snooze ${days} days` },
        value: `${alertId}|${days}`,
      })),
    ],
  };
}

/** "2024-07-08 06:05 UTC" */
const instant = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Where the alert stands: resolved or still active (since when), and a snooze. */
export function alertStateLines(state: AlertState): string[] {
  const lines: string[] = [];
  if (state.resolved) {
    lines.push(
      `:white_check_mark: *Resolved on ${state.resolved.on}* (now ${esc(state.resolved.now)}) · first sent ${state.since}`,
    );
  } else if (state.stillActiveAsOf) {
    lines.push(
      `:hourglass: *Still active as of ${state.stillActiveAsOf}* · first sent ${state.since}`,
    );
  }
  if (state.snoozed) {
    lines.push(`Snoozed by <@${state.snoozed.userId}> until ${instant(state.snoozed.until)}`);
  }
  return lines;
}

/** Sync and job failures: what failed, since when, and what to run. */
export function buildOpsAlert(c: AlertCandidate, asOf: string | null): SlackMessage {
  const blocks: Block[] = [
    header(`Ops alert: ${c.title}`),
    section(
      [`*Severity* ${SEVERITY_EMOJI[c.severity]} ${c.severity}`, ...c.context.map(esc)].join('\n'),
    ),
  ];
  if (c.actions.length > 0) blocks.push(section(`*Recommended action*\n${actionLines(c.actions)}`));
  blocks.push(asOf ? asOfContext(asOf) : context('no data yet'));
  return { text: fallback(`${c.severity} ops alert: ${c.title}`), blocks };
}

export function buildAlertMessage(view: AlertView, state?: AlertState): SlackMessage {
  const c = view.candidate;
  let message: SlackMessage;
  switch (view.kind) {
    case 'winrate-threshold':
      message = buildWinRateAlert({
        report: view.report,
        threshold: view.threshold,
        severity: c.severity,
        actions: c.actions,
      });
      break;
    case 'negative-momentum':
      message = buildMomentumAlert({
        report: view.report,
        severity: c.severity,
        actions: c.actions,
      });
      break;
    case 'ops':
      message = buildOpsAlert(c, view.asOf);
      break;
  }
  // the buttons go before the closing "data as of" line, the state right under the header
  const blocks = [...message.blocks];
  blocks.splice(blocks.length - 1, 0, feedbackButtons(view.alertId));
  const lines = state ? alertStateLines(state) : [];
  if (lines.length > 0) blocks.splice(1, 0, context(...lines));
  const text = state?.resolved ? fallback(`Resolved: ${message.text}`) : message.text;
  return { text, blocks };
}
