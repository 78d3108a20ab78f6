/**
 * The real dealfit Slack app in HTTP mode on a random loopback port, its WebClient pointed
 * at the fake Slack Web API, and helpers to send signed commands and wait for answers.
 */
import type { Logger } from '@slack/bolt';
import type { RunningSlackApp } from '../../src/adapters/slack/slack-app.js';
import type { Db } from '../../src/adapters/storage/database.js';
import type { ChartRenderer } from '../../src/app/ports/messenger.js';
import type { QueryRunner } from '../../src/app/ports/query-runner.js';
import { loadConfig } from '../../src/config.js';
import { type RecordedResponse, SlackEmulator } from '../../src/local/slack-emulator/server.js';
import type { EmulatedUser } from '../../src/local/slack-emulator/state.js';
import {
  blockActionsRequest,
  type ClickedElement,
  sendSigned,
} from '../../src/local/workspace/slack-requests.js';
import { type CreateAppOptions, createApp, type DealfitApp } from '../../src/wiring/create-app.js';
import { postCommand, postEvent, type SignOptions } from './slack-requests.js';

export const SIGNING_SECRET = 'test-signing-secret';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  text: string;
}

export function captureLogger(lines: LogLine[]): Logger {
  const push =
    (level: LogLine['level']) =>
    (...msg: unknown[]) => {
      lines.push({
        level,
        text: msg.map((m) => (m instanceof Error ? m.stack : String(m))).join(' '),
      });
    };
  return {
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    setLevel: () => {},
    getLevel: () => 'debug' as never,
    setName: () => {},
  };
}

export interface Harness {
  fake: SlackEmulator;
  app: DealfitApp;
  running: RunningSlackApp;
  url: string;
  port: number;
  logs: LogLine[];
  /** sends a signed slash command; resolves when acked */
  command(
    command: string,
    text: string,
    o?: SignOptions & { user?: string; channel?: string },
  ): Promise<{
    status: number;
    ackMs: number;
    responseUrl: string;
    answers: () => RecordedResponse[];
  }>;
  event(event: Record<string, unknown>, o?: SignOptions & { eventId?: string }): Promise<Response>;
  /** a signed block_actions click by `user` on a button or select of `message` */
  click(o: {
    user: string;
    channel: { id: string; name: string };
    message: { ts: string; text: string; blocks: unknown[] };
    element: ClickedElement;
  }): ReturnType<typeof sendSigned>;
  close(): Promise<void>;
}

export async function startHarness(o: {
  db: Db;
  queries?: QueryRunner;
  charts?: ChartRenderer;
  env?: Record<string, string>;
  jobs?: boolean;
  now?: () => Date;
  channels?: Array<{ id: string; name: string }>;
  /** the workspace's people beside U0ALICE (users.info answers their `tz`) */
  users?: EmulatedUser[];
  /** waits between tries of an email after a temporary SMTP failure */
  emailRetryDelaysMs?: readonly number[];
  /** run the start-up checks in start(), as `npm start` does */
  checks?: boolean;
}): Promise<Harness> {
  const fake = await SlackEmulator.start({
    channels: [
      { id: 'C0GENERAL', name: 'general' },
      { id: 'C0SALES', name: 'sales' },
      ...(o.channels ?? []),
    ],
    ...(o.users ? { users: [{ id: 'U0ALICE', name: 'alice' }, ...o.users] } : {}),
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    ...o.env,
  });
  const logs: LogLine[] = [];
  const options: CreateAppOptions = {
    ...(o.queries ? { queries: o.queries } : {}),
    db: o.db,
    host: '127.0.0.1',
    logger: captureLogger(logs),
    botId: fake.bot.botId,
    botUserId: fake.bot.userId,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 50 },
    // the scheduled jobs are tested on their own (test/app/jobs.test.ts, proactive tests)
    jobs: o.jobs ?? false,
    ...(o.checks ? { checks: true } : {}),
    ...(o.now ? { now: o.now } : {}),
    ...(o.charts ? { charts: o.charts } : {}),
    ...(o.emailRetryDelaysMs ? { emailRetryDelaysMs: o.emailRetryDelaysMs } : {}),
  };
  const app = createApp(config, options);
  const running = await app.start();
  const url = `http://127.0.0.1:${running.port}/slack/events`;
  return {
    fake,
    app,
    running,
    url,
    port: running.port,
    logs,
    async command(command, text, so = {}) {
      const channel = so.channel ?? 'C0GENERAL';
      const user = so.user ?? 'U0ALICE';
      const responseUrl = fake.responseUrl(channel, user);
      const id = responseUrl.split('/').pop()!;
      const started = performance.now();
      const res = await postCommand(
        url,
        SIGNING_SECRET,
        { command, text, responseUrl, channel, user },
        so,
      );
      await res.text();
      return {
        status: res.status,
        ackMs: performance.now() - started,
        responseUrl,
        answers: () => fake.responses.filter((r) => r.id === id),
      };
    },
    event: (event, so = {}) => postEvent(url, SIGNING_SECRET, event, so),
    click({ user, channel, message, element }) {
      const now = Math.floor(Date.now() / 1000);
      return sendSigned(
        url,
        SIGNING_SECRET,
        blockActionsRequest({
          user: { id: user, name: user.toLowerCase() },
          channel,
          message,
          messageTs: message.ts,
          isEphemeral: false,
          element,
          responseUrl: fake.responseUrl(channel.id, user, message.ts),
          nowSeconds: now,
        }),
        now,
      );
    },
    async close() {
      await app.stop();
      await fake.close();
    },
  };
}
