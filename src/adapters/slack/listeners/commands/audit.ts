/** `/audit [YYYY-MM] [public]` */
import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { QueryResult } from '../../../../app/ports/query-runner.js';
import { answerWithChart } from '../../answer.js';
import { buildAuditAnswer } from '../../blocks/audit-answer.js';
import { buildUsage } from '../../blocks/usage.js';
import { parseAuditArgs } from '../../command-args.js';
import type { SlackDeps } from '../../deps.js';
import { COMMANDS } from '../../ids.js';
import { answeredAsQuestion } from './ask-by-command.js';
import { afterAck, replyToUserError } from './user-errors.js';

export function auditCommand(deps: SlackDeps): Middleware<SlackCommandMiddlewareArgs> {
  return async ({ ack, command, respond, client, logger, context }) => {
    await ack();
    await afterAck();
    const args = parseAuditArgs(command.text);
    if (
      await answeredAsQuestion(deps, args, { command, respond, client, context, logger }, 'audit')
    )
      return;
    if (!args.ok || args.help) {
      await respond({
        response_type: 'ephemeral',
        ...buildUsage(COMMANDS.audit, args.ok ? undefined : args.problem),
      });
      return;
    }
    let report: QueryResult<'audit'>;
    try {
      report = await deps.queries.run('audit', args.month ? { month: args.month } : {});
    } catch (error) {
      if (await replyToUserError(respond, COMMANDS.audit, error)) return;
      throw error;
    }
    await answerWithChart({
      respond,
      client,
      command,
      visibility: args.visibility,
      build: (chartNote) => buildAuditAnswer(report, chartNote ? { chartNote } : {}),
      chart:
        report.reps.length > 0
          ? {
              render: () => deps.charts.fitHeatmap(report),
              filename: `rep-fit-${report.month}.png`,
              title: `Rep × industry fit, ${report.month}`,
              altText: `Heat map of each rep's win rate minus the industry median, ${report.month}`,
            }
          : undefined,
      deps,
      log: (message, error) => logger.warn(`/audit: ${message}`, error),
      timing: { telemetry: deps.telemetry, context },
    });
  };
}
