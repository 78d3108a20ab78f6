/**
 * A follow-up button under an answer ("By region", "Why?"): asks its question in the same
 * place as the answer, refining the thread's last question. Under an ephemeral answer to a
 * command the follow-up is ephemeral too, in that person's command thread.
 */
import type { BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildQuestionAnswer } from '../../blocks/question-answer.js';
import type { SlackDeps } from '../../deps.js';
import { answerWhereAsked } from '../../post-answer.js';
import { commandThread } from '../commands/ask-by-command.js';

export function askFollowUp(
  deps: SlackDeps,
): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>> {
  return async ({ ack, body, action, client, context, respond, logger }) => {
    await ack();
    const question = action.value;
    const channel = body.channel?.id ?? body.container?.channel_id;
    const team = body.team?.id ?? body.user.team_id ?? '';
    if (!question || !channel || !deps.conversation) return;
    const bot = context.botUserId ? { botUserId: context.botUserId } : {};
    if (body.container?.is_ephemeral || !body.message) {
      const answer = await deps.conversation.ask(
        commandThread(team, channel, body.user.id),
        question,
        context.botUserId,
      );
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...buildQuestionAnswer(answer),
      });
      return;
    }
    const message = body.message as { ts: string; thread_ts?: string };
    // a DM answer at the top level stays at the top level; any other answer is in a thread
    const dm = channel.startsWith('D');
    const thread = message.thread_ts ?? (dm ? undefined : message.ts);
    await answerWhereAsked(
      deps,
      client,
      { key: { team, channel, thread: thread ?? '' }, ...(thread ? { threadTs: thread } : {}) },
      question,
      { ...bot, context, log: (m, error) => logger.warn(`ask_followup: ${m}`, error) },
    );
  };
}
