/**
 * Messages dealfit answers without a mention: a DM to it (message.im), and a reply in a
 * channel thread it has answered in (message.channels / message.groups). Everything else
 * is ignored: edits and other subtypes, bots (dealfit included), top-level channel talk,
 * and a mention in a thread (the app_mention event answers that one).
 */
import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { answerWhereAsked, mentions } from '../../post-answer.js';

export function messageEvent(deps: SlackDeps): Middleware<SlackEventMiddlewareArgs<'message'>> {
  return async ({ event, body, client, context, logger }) => {
    if (event.subtype !== undefined) return;
    if (event.bot_id || !event.user || event.user === context.botUserId) return;
    const text = event.text ?? '';
    if (!text.trim()) return;
    const team = body.team_id;
    const log = (message: string, error: unknown) => logger.warn(`message: ${message}`, error);
    const bot = { ...(context.botUserId ? { botUserId: context.botUserId } : {}), context };
    if (event.channel_type === 'im') {
      const thread = event.thread_ts;
      await answerWhereAsked(
        deps,
        client,
        {
          key: { team, channel: event.channel, thread: thread ?? '' },
          ...(thread ? { threadTs: thread } : {}),
        },
        text,
        { ...bot, log },
      );
      return;
    }
    const thread = event.thread_ts;
    if (!thread || mentions(text, context.botUserId)) return;
    const key = { team, channel: event.channel, thread };
    if (!(await deps.conversation?.knows(key))) return;
    await answerWhereAsked(deps, client, { key, threadTs: thread }, text, { ...bot, log });
  };
}
