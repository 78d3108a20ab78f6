/**
 * Sending a slash-command answer with an optional chart. The text always goes out: a chart
 * that fails to render (or takes too long) becomes a note in the answer, and a failed
 * upload becomes a short follow-up, never a missing answer.
 *
 * Ephemeral answers get their chart in the user's DM with the bot: a file uploaded into
 * the channel would be visible to everyone, which `ephemeral` promises not to do.
 */
import type { RespondFn, SlashCommand, webApi } from '@slack/bolt';
import type { Png } from '../../app/ports/messenger.js';
import type { Telemetry } from '../../app/ports/telemetry.js';
import type { SlackMessage } from './blocks/types.js';
import type { Visibility } from './command-args.js';
import type { SlackDeps } from './deps.js';
import { createSlackMessenger } from './messenger.js';
import { answered } from './request-timing.js';

export interface ChartJob {
  render: () => Promise<Png>;
  filename: string;
  title: string;
  altText: string;
}

/** `promise`, or a rejection after `ms` (a chart never holds back the words). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`chart took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface AnswerArgs {
  respond: RespondFn;
  client: webApi.WebClient;
  command: SlashCommand;
  visibility: Visibility;
  /** builds the message; `chartNote` says where the chart is or why it is missing */
  build: (chartNote?: string) => SlackMessage;
  chart?: ChartJob;
  /** the chart's time limit and the lane its upload waits in */
  deps: Pick<SlackDeps, 'chartTimeoutMs' | 'chartLane'>;
  log: (message: string, error: unknown) => void;
  /** the request's context and the telemetry that times its answer */
  timing?: { telemetry: Telemetry | undefined; context: Record<string, unknown> };
}

export async function answerWithChart(a: AnswerArgs): Promise<void> {
  let png: Png | undefined;
  let note: string | undefined;
  if (a.chart) {
    try {
      png = await withTimeout(a.chart.render(), a.deps.chartTimeoutMs ?? 3000);
      note =
        a.visibility === 'ephemeral'
          ? 'chart sent to your direct messages with dealfit'
          : undefined;
    } catch (error) {
      a.log('chart render failed', error);
      note = 'the chart could not be drawn this time; the figures above are complete';
    }
  }
  await a.respond({ response_type: a.visibility, ...a.build(note) });
  if (a.timing) answered(a.timing.telemetry, a.timing.context, 'command');
  if (!png || !a.chart) return;
  const chart = a.chart;
  const upload = async () => {
    const channel =
      a.visibility === 'in_channel'
        ? a.command.channel_id
        : (await a.client.conversations.open({ users: a.command.user_id })).channel?.id;
    if (!channel) throw new Error('no DM channel');
    await createSlackMessenger(a.client).uploadPng({ channel }, png, {
      filename: chart.filename,
      title: chart.title,
      altText: chart.altText,
    });
  };
  try {
    await (a.deps.chartLane ? a.deps.chartLane.run(upload) : upload());
  } catch (error) {
    a.log('chart upload failed', error);
    const code = (error as { data?: { error?: string } }).data?.error;
    const hint =
      code === 'not_in_channel' || code === 'channel_not_found'
        ? 'invite @dealfit to this channel to get charts here'
        : 'try again later';
    await a.respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: `The chart could not be posted (${code ?? 'upload failed'}): ${hint}. The figures were sent.`,
    });
  }
}
