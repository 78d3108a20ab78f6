/** The /audit answer: the month's audit, worded as a reply, with an optional chart note. */
import type { AuditResult } from '../../../app/queries/query-results.js';
import { context, esc } from './format.js';
import { buildRepAudit } from './rep-audit.js';
import type { SlackMessage } from './types.js';

export function buildAuditAnswer(
  report: AuditResult,
  options: { chartNote?: string } = {},
): SlackMessage {
  const message = buildRepAudit(report, { variant: 'answer' });
  if (options.chartNote) {
    // Keep the as-of footer last: insert the note just before it.
    message.blocks.splice(
      message.blocks.length - 1,
      0,
      context(`:bar_chart: ${esc(options.chartNote)}`),
    );
  }
  return message;
}
