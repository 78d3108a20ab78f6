/** `@dealfit …` in a channel: answered in a thread under the mention. */
import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { answerWhereAsked } from '../../post-answer.js';

export function appMention(deps: SlackDeps): Middleware<SlackEventMiddlewareArgs<'app_mention'>> {
  return async ({ event, body, client, context, logger }) => {
    // another bot mentioning dealfit (or dealfit itself) is not a person asking
    if (event.bot_id || !event.user || event.user === context.botUserId) return;
    const thread = event.thread_ts ?? event.ts;
    await answerWhereAsked(
      deps,
      client,
      { key: { team: body.team_id, channel: event.channel, thread }, threadTs: thread },
      event.text,
      {
        ...(context.botUserId ? { botUserId: context.botUserId } : {}),
        log: (message, error) => logger.warn(`app_mention: ${message}`, error),
        context,
      },
    );
  };
}
