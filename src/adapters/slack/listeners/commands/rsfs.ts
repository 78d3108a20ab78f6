/** `/rsfs <deal_id> [public]` */
import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { QueryResult } from '../../../../app/ports/query-runner.js';
import { buildRsfsCard } from '../../blocks/rsfs-card.js';
import { buildUsage } from '../../blocks/usage.js';
import { parseRsfsArgs } from '../../command-args.js';
import type { SlackDeps } from '../../deps.js';
import { COMMANDS } from '../../ids.js';
import { answered } from '../../request-timing.js';
import { afterAck, replyToUserError } from './user-errors.js';

export function rsfsCommand(deps: SlackDeps): Middleware<SlackCommandMiddlewareArgs> {
  return async ({ ack, command, respond, context }) => {
    await ack();
    await afterAck();
    const args = parseRsfsArgs(command.text);
    if (!args.ok || args.help) {
      await respond({
        response_type: 'ephemeral',
        ...buildUsage(COMMANDS.rsfs, args.ok ? undefined : args.problem),
      });
      return;
    }
    let report: QueryResult<'rsfs'>;
    try {
      report = await deps.queries.run('rsfs', { dealId: args.dealId });
    } catch (error) {
      if (await replyToUserError(respond, COMMANDS.rsfs, error)) return;
      throw error;
    }
    await respond({ response_type: args.visibility, ...buildRsfsCard(report) });
    answered(deps.telemetry, context, 'command');
  };
}
