/**
 * Shared by `dealfit jobs` and `dealfit colead`: the proactive side built on the CLI's
 * database, posting through Slack when configured; with --dry-run, a messenger that posts
 * nothing and the payloads printed instead.
 *
 * Bolt and the proactive side are imported when a command runs, not when the CLI starts:
 * they are about a second of loading that every other command would pay for.
 */
import type { Proactive } from '../app/jobs/proactive.js';
import type { Messenger, OutgoingMessage } from '../app/ports/messenger.js';
import { type CommandContext, CommandError } from './command.js';

export interface Payload {
  channel: string | null;
  message: OutgoingMessage;
}

/** Refuses to post: a dry run must never reach Slack. */
const noPosting: Messenger = {
  post: () => Promise.reject(new Error('dry run: nothing is posted')),
  update: () => Promise.reject(new Error('dry run: nothing is posted')),
  ephemeral: () => Promise.reject(new Error('dry run: nothing is posted')),
  dm: () => Promise.reject(new Error('dry run: nothing is posted')),
  uploadPng: () => Promise.reject(new Error('dry run: nothing is posted')),
};

export async function withProactive<T>(
  ctx: CommandContext,
  dryRun: boolean,
  fn: (p: Proactive, payloads: Payload[]) => Promise<T>,
): Promise<T> {
  const slack = ctx.config.slack;
  if (!dryRun && !slack) {
    throw new CommandError(
      'Slack is not configured (SLACK_BOT_TOKEN): nothing could be posted. Add --dry-run to see the payloads.',
    );
  }
  const [{ webApi }, { createSlackMessenger }, { createProactive }] = await Promise.all([
    import('@slack/bolt'),
    import('../adapters/slack/messenger.js'),
    import('../wiring/create-proactive.js'),
  ]);
  const { openStore } = await import('../wiring/open-store.js');
  const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
  const payloads: Payload[] = [];
  try {
    const messenger =
      dryRun || !slack
        ? noPosting
        : createSlackMessenger(
            new webApi.WebClient(slack.botToken, slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
          );
    const proactive = createProactive(ctx.config, {
      store: opened.store,
      messenger,
      charts: null,
      now: ctx.now,
      log: (line) => ctx.io.err(line),
      sink: (channel, message) => payloads.push({ channel: channel ?? null, message }),
    });
    return await fn(proactive, payloads);
  } finally {
    await opened.close();
  }
}

export function payloadText(payloads: Payload[]): string {
  if (payloads.length === 0) return 'nothing would be posted';
  return payloads
    .map(
      (p) =>
        `--- would post to ${p.channel ?? '(no channel configured)'}:\n${JSON.stringify(p.message, null, 2)}`,
    )
    .join('\n');
}
