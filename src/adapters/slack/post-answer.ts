/**
 * Posting an answer to a question where it was asked: in the thread (a mention, a channel
 * thread, a DM thread) or at the top of a DM. The words go out first, so the person sees
 * the answer at once; the chart follows in the same place when it has been drawn, in its
 * turn behind the other answers' charts (chart-lane.ts).
 */
import type { webApi } from '@slack/bolt';
import type { QuestionAnswer } from '../../app/conversation/question-answer.js';
import type { ThreadKey } from '../../app/ports/conversation-store.js';
import { withTimeout } from './answer.js';
import { buildQuestionAnswer } from './blocks/question-answer.js';
import type { SlackDeps } from './deps.js';
import { afterAck } from './listeners/commands/user-errors.js';
import { createSlackMessenger } from './messenger.js';
import { answered } from './request-timing.js';

export interface AskedIn {
  key: ThreadKey;
  /** the thread to answer in; unset: the top level of the channel (a DM) */
  threadTs?: string;
}

/** Asks dealfit and posts the answer (then its chart) where the question was asked. */
export async function answerWhereAsked(
  deps: SlackDeps,
  client: webApi.WebClient,
  where: AskedIn,
  text: string,
  o: {
    botUserId?: string;
    log: (message: string, error: unknown) => void;
    /** the request's context, whose answer latency is recorded */
    context?: Record<string, unknown>;
  },
): Promise<void> {
  const conversation = deps.conversation;
  if (!conversation) return;
  // Answers resolve from the cache as microtasks, which run before any I/O: without a turn
  // of the event loop here, a burst of questions would be answered back to back while
  // the requests behind them wait to be read and acked.
  await afterAck();
  const place = {
    channel: where.key.channel,
    ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
  };
  let answer: QuestionAnswer;
  try {
    answer = await conversation.ask(where.key, text, o.botUserId);
  } catch (error) {
    await client.chat.postMessage({
      ...place,
      text: "I couldn't answer that just now (an error on dealfit's side, logged). Please try again in a minute.",
    });
    throw error;
  }
  const message = buildQuestionAnswer(answer);
  await client.chat.postMessage({ ...place, text: message.text, blocks: message.blocks });
  if (o.context) answered(deps.telemetry, o.context, 'question');
  const chart = answer.chart;
  if (!chart) return;
  const drawAndUpload = async () => {
    const png = await withTimeout(deps.charts.questionChart(chart), deps.chartTimeoutMs ?? 3000);
    await createSlackMessenger(client).uploadPng(
      { channel: where.key.channel, ...(where.threadTs ? { threadTs: where.threadTs } : {}) },
      png,
      {
        filename: `dealfit-${chart.kind}-${answer.asOf ?? 'now'}.png`,
        title: chart.title,
        altText: `Chart: ${chart.title}, ${chart.subtitle}`,
      },
    );
  };
  try {
    // drawn in its turn too: the chart's timeout counts from its turn, not from the queue
    await (deps.chartLane ? deps.chartLane.run(drawAndUpload) : drawAndUpload());
  } catch (error) {
    // the words are complete without the chart: log it and say nothing more in the thread
    o.log('chart for a question failed', error);
  }
}

/** Slack's mention of dealfit in a message's text. */
export function mentions(text: string, botUserId: string | undefined): boolean {
  return botUserId !== undefined && text.includes(`<@${botUserId}>`);
}
