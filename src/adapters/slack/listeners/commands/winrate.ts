/** `/winrate [segment] [window] [public]` */
import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { QueryResult } from '../../../../app/ports/query-runner.js';
import { answerWithChart } from '../../answer.js';
import { buildUsage } from '../../blocks/usage.js';
import { buildWinRateAnswer } from '../../blocks/winrate-answer.js';
import { parseWinRateArgs } from '../../command-args.js';
import type { SlackDeps } from '../../deps.js';
import { COMMANDS } from '../../ids.js';
import { answeredAsQuestion } from './ask-by-command.js';
import { afterAck, replyToUserError } from './user-errors.js';

export function winrateCommand(deps: SlackDeps): Middleware<SlackCommandMiddlewareArgs> {
  return async ({ ack, command, respond, client, logger, context }) => {
    await ack();
    await afterAck();
    const args = parseWinRateArgs(command.text);
    if (
      await answeredAsQuestion(
        deps,
        args,
        { command, respond, client, context, logger },
        'win rate',
      )
    )
      return;
    if (!args.ok || args.help) {
      await respond({
        response_type: 'ephemeral',
        ...buildUsage(COMMANDS.winrate, args.ok ? undefined : args.problem),
      });
      return;
    }
    let report: QueryResult<'winRate'>;
    try {
      report = await deps.queries.run('winRate', {
        window: args.window,
        ...(args.by ? { by: args.by } : {}),
      });
    } catch (error) {
      if (await replyToUserError(respond, COMMANDS.winrate, error)) return;
      throw error;
    }
    const segmented = args.by !== undefined && report.segments.length > 0;
    await answerWithChart({
      respond,
      client,
      command,
      visibility: args.visibility,
      build: (chartNote) => buildWinRateAnswer(report, chartNote ? { chartNote } : {}),
      chart: {
        render: () =>
          segmented ? deps.charts.winRateBySegment(report) : deps.charts.winRateTrend(report),
        filename: `winrate-${args.by ?? 'trend'}-${report.window}-${report.asOf}.png`,
        title: segmented
          ? `Win rate by ${args.by} (${report.window === 'all' ? 'all' : `${report.window}d`})`
          : 'Weekly win rate trend',
        altText: `Chart of win rate ${segmented ? `by ${args.by}` : 'by week'}, data as of ${report.asOf}`,
      },
      deps,
      log: (message, error) => logger.warn(`/winrate: ${message}`, error),
      timing: { telemetry: deps.telemetry, context },
    });
  };
}
