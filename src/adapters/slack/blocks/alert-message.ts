/**
 * Every alert message: the win-rate and momentum alerts (their own builders), ops alerts,
 * and under each one "Useful / Not useful" buttons that carry the alert's id, so feedback
 * lands on the logged alert.
 */
import type { AlertView } from '../../../app/alerts/alert-sweep.js';
import type { AlertCandidate } from '../../../domain/alert-rules.js';
import { ACTION_IDS, BLOCK_IDS } from '../ids.js';
import { asOfContext, context, esc, fallback, header, section } from './format.js';
import { buildMomentumAlert } from './momentum-alert.js';
import type { ActionsBlock, Block, SlackMessage } from './types.js';
import { actionLines, buildWinRateAlert, SEVERITY_EMOJI } from './win-rate-alert.js';

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
    ],
  };
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

export function buildAlertMessage(view: AlertView): SlackMessage {
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
  // the feedback row goes before the closing "data as of" line
  const blocks = [...message.blocks];
  blocks.splice(blocks.length - 1, 0, feedbackButtons(view.alertId));
  return { text: message.text, blocks };
}
