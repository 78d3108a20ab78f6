/**
 * Free text after a command (`/winrate FinTech since March`, `/audit march`): the command's
 * own grammar did not read it, so it is asked as a question in plain words, prefixed with
 * what the command is about. The answer is ephemeral like the command's (or public with
 * `public`), and its follow-up buttons continue in the person's command thread.
 */
import type { RespondFn, SlashCommand, webApi } from '@slack/bolt';
import type { ThreadKey } from '../../../../app/ports/conversation-store.js';
import { answerWithChart } from '../../answer.js';
import { buildQuestionAnswer } from '../../blocks/question-answer.js';
import type { Visibility } from '../../command-args.js';
import type { SlackDeps } from '../../deps.js';

/** A person's conversation through commands in a channel (their answers are ephemeral). */
export function commandThread(team: string, channel: string, user: string): ThreadKey {
  return { team, channel, thread: `command:${user}` };
}

/**
 * Answers a command's free text as a question when the command's grammar could not read it
 * and the conversation is wired; false leaves the command to answer its usage.
 */
export async function answeredAsQuestion(
  deps: SlackDeps,
  args: { ok: boolean; freeText?: boolean },
  a: {
    command: SlashCommand;
    respond: RespondFn;
    client: webApi.WebClient;
    context: { botUserId?: string } & Record<string, unknown>;
    logger: { warn: (...msg: unknown[]) => void };
  },
  prefix: string,
): Promise<boolean> {
  if (args.ok || !args.freeText || !deps.conversation) return false;
  await answerCommandQuestion(
    deps,
    {
      command: a.command,
      respond: a.respond,
      client: a.client,
      ...(a.context.botUserId ? { botUserId: a.context.botUserId } : {}),
      log: (message, error) => a.logger.warn(`${a.command.command}: ${message}`, error),
      context: a.context,
    },
    `${prefix} ${a.command.text}`,
  );
  return true;
}

export async function answerCommandQuestion(
  deps: SlackDeps,
  a: {
    command: SlashCommand;
    respond: RespondFn;
    client: webApi.WebClient;
    botUserId?: string;
    log: (message: string, error: unknown) => void;
    /** the request's context, whose answer latency is recorded */
    context?: Record<string, unknown>;
  },
  question: string,
): Promise<void> {
  const conversation = deps.conversation!;
  const words = question.split(/\s+/);
  const visibility: Visibility = words.some((w) => w.toLowerCase() === 'public')
    ? 'in_channel'
    : 'ephemeral';
  const text = words.filter((w) => w.toLowerCase() !== 'public').join(' ');
  const c = a.command;
  const answer = await conversation.ask(
    commandThread(c.team_id, c.channel_id, c.user_id),
    text,
    a.botUserId,
  );
  const chart = answer.chart;
  await answerWithChart({
    respond: a.respond,
    client: a.client,
    command: c,
    visibility,
    build: (chartNote) => buildQuestionAnswer(answer, chartNote ? { chartNote } : {}),
    ...(chart
      ? {
          chart: {
            render: () => deps.charts.questionChart(chart),
            filename: `dealfit-${chart.kind}-${answer.asOf ?? 'now'}.png`,
            title: chart.title,
            altText: `Chart: ${chart.title}, ${chart.subtitle}`,
          },
        }
      : {}),
    deps,
    log: a.log,
    ...(a.context ? { timing: { telemetry: deps.telemetry, context: a.context } } : {}),
  });
}
