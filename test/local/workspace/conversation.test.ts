/**
 * Asking in plain words in the local workspace: a typed message is stored as the person's
 * and delivered as the Events API events Slack would send, signed; answers in a thread show
 * under the parent; a button in a thread names the thread in `container.thread_ts`.
 * First against a bare receiver that checks every signature and keeps every body, then
 * through a real Bolt app answering as dealfit does.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, verifySlackRequest } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../../src/local/slack-emulator/server.js';
import {
  type RunningLocalWorkspace,
  startLocalWorkspace,
} from '../../../src/local/workspace/server.js';

const TOKEN = 'xoxb-local-test';
const SECRET = 'local-secret-for-tests';
const CHANNEL = 'C0REVOPS';

interface Delivery {
  raw: string;
  headers: { 'x-slack-signature': string; 'x-slack-request-timestamp': number };
  body: Record<string, unknown>;
}

const emulator = () =>
  SlackEmulator.start({
    token: TOKEN,
    channels: [{ id: CHANNEL, name: 'revenue-ops' }],
    users: [
      { id: 'U0CRO', name: 'Chris Ortega' },
      { id: 'U0REP19', name: 'rep_19' },
    ],
  });

const workspace = (slack: SlackEmulator, boltUrl: string) =>
  startLocalWorkspace({
    slack,
    boltUrl,
    signingSecret: SECRET,
    jobs: { list: async () => [], runNow: async () => ({ status: 'skipped', text: '' }) },
    people: [
      { id: 'U0CRO', name: 'Chris Ortega', role: 'cro' },
      { id: 'U0REP19', name: 'rep_19', role: 'rep', note: 'rep_19' },
    ],
    commands: ['/winrate'],
    defaultChannel: CHANNEL,
    port: 0,
    now: () => new Date(),
  });

const poster = (ws: RunningLocalWorkspace) => (path: string, body: unknown) =>
  fetch(`${ws.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('typed messages become signed Events API deliveries', () => {
  let slack: SlackEmulator;
  let receiver: Server;
  let ws: RunningLocalWorkspace;
  let deliveries: Delivery[];
  let post: ReturnType<typeof poster>;

  beforeEach(async () => {
    deliveries = [];
    slack = await emulator();
    // stands where the Bolt app would: keeps each request exactly as it arrived
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        deliveries.push({
          raw,
          headers: {
            'x-slack-signature': String(req.headers['x-slack-signature']),
            'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
          },
          body: JSON.parse(raw) as Record<string, unknown>,
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    ws = await workspace(slack, `http://127.0.0.1:${port}/slack/events`);
    post = poster(ws);
  });

  afterEach(async () => {
    await ws.close();
    receiver.closeAllConnections();
    await new Promise<void>((r) => receiver.close(() => r()));
    await slack.close();
  });

  const events = () => deliveries.map((d) => d.body.event as Record<string, unknown>);

  it('sends a DM to dealfit as a message.im event, signed as Slack signs, in the envelope Slack sends', async () => {
    const dm = slack.dmWith('U0CRO');
    const res = await post('/api/message', {
      as: 'U0CRO',
      channel: dm,
      text: 'how are we doing in APAC?',
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { ts: string; eventIds: string[] };
    expect(deliveries).toHaveLength(1);
    const [d] = deliveries;
    // the signature verifies with the app's secret, and only with it
    expect(() =>
      verifySlackRequest({ signingSecret: SECRET, body: d!.raw, headers: d!.headers }),
    ).not.toThrow();
    expect(() =>
      verifySlackRequest({ signingSecret: 'another-secret', body: d!.raw, headers: d!.headers }),
    ).toThrow();
    expect(d!.body).toMatchObject({
      token: expect.any(String),
      team_id: slack.bot.teamId,
      api_app_id: expect.stringMatching(/^A/),
      type: 'event_callback',
      event_id: answer.eventIds[0],
      event_time: expect.any(Number),
      authorizations: [{ team_id: slack.bot.teamId, user_id: slack.bot.userId, is_bot: true }],
      event_context: expect.any(String),
    });
    expect(answer.eventIds[0]).toMatch(/^Ev[0-9A-Z]+$/);
    expect(d!.body.event).toMatchObject({
      type: 'message',
      channel_type: 'im',
      channel: dm,
      user: 'U0CRO',
      text: 'how are we doing in APAC?',
      ts: answer.ts,
      event_ts: answer.ts,
    });
    expect(d!.body.event).not.toHaveProperty('thread_ts');
    // stored as the person's message, which the page shows under their name
    expect(slack.messagesIn(dm)).toMatchObject([
      { user: 'U0CRO', ts: answer.ts, text: 'how are we doing in APAC?' },
    ]);
    expect(slack.messagesIn(dm)[0]?.botId).toBeUndefined();
    const html = await (await fetch(`${ws.url}/?as=U0CRO&c=${dm}`)).text();
    expect(html).toContain('<strong>Chris Ortega</strong>');
    expect(html).toContain('Ask in plain words');
  });

  it('sends a typed @dealfit in a channel as app_mention and message events, each with its own event_id', async () => {
    const res = await post('/api/message', {
      as: 'U0CRO',
      channel: CHANNEL,
      text: '@dealfit win rate by industry',
    });
    const { ts } = (await res.json()) as { ts: string };
    expect(events().map((e) => [e.type, e.channel_type])).toEqual([
      ['app_mention', undefined],
      ['message', 'channel'],
    ]);
    for (const e of events()) {
      expect(e).toMatchObject({
        channel: CHANNEL,
        user: 'U0CRO',
        ts,
        text: '<@U0DEALFIT> win rate by industry',
      });
    }
    // a plain channel message: the message event only
    await post('/api/message', { as: 'U0REP19', channel: CHANNEL, text: 'morning all' });
    expect(
      events()
        .slice(2)
        .map((e) => [e.type, e.channel_type]),
    ).toEqual([['message', 'channel']]);
    const ids = deliveries.map((d) => d.body.event_id);
    expect(new Set(ids).size).toBe(3);
    for (const d of deliveries) {
      expect(() =>
        verifySlackRequest({ signingSecret: SECRET, body: d.raw, headers: d.headers }),
      ).not.toThrow();
    }
    const html = await (await fetch(`${ws.url}/?as=U0CRO&c=${CHANNEL}`)).text();
    expect(html).toContain('type @dealfit how are we doing in APAC?');
  });

  it('sends a reply typed in a thread with thread_ts and parent_user_id, and shows it in the thread only', async () => {
    const first = (await (
      await post('/api/message', { as: 'U0CRO', channel: CHANNEL, text: '@dealfit win rate' })
    ).json()) as { ts: string };
    const reply = await post('/api/message', {
      as: 'U0REP19',
      channel: CHANNEL,
      text: 'and in SaaS?',
      thread_ts: first.ts,
    });
    const { ts } = (await reply.json()) as { ts: string };
    expect(events().at(-1)).toMatchObject({
      type: 'message',
      channel_type: 'channel',
      thread_ts: first.ts,
      parent_user_id: 'U0CRO',
      ts,
      text: 'and in SaaS?',
    });
    const page = (await (
      await fetch(`${ws.url}/partial?as=U0CRO&c=${CHANNEL}&t=${first.ts}`)
    ).json()) as {
      pane: string;
      thread: string;
    };
    expect(page.pane).toContain('1 reply');
    expect(page.pane).not.toContain('and in SaaS?');
    expect(page.thread).toContain('and in SaaS?');
    expect(page.thread).toContain('<strong>rep_19</strong>');
    // a thread_ts that is no Slack timestamp is refused, and nothing is sent
    const before = deliveries.length;
    expect(
      (await post('/api/message', { as: 'U0CRO', channel: CHANNEL, text: 'x', thread_ts: 'nope' }))
        .status,
    ).toBe(400);
    expect(deliveries).toHaveLength(before);
  });

  it('refuses a slash command, an unknown person or channel without sending anything', async () => {
    expect(
      (await post('/api/message', { as: 'U0CRO', channel: CHANNEL, text: '/winrate' })).status,
    ).toBe(400);
    expect(
      (await post('/api/message', { as: 'U0NOBODY', channel: CHANNEL, text: 'hi' })).status,
    ).toBe(400);
    expect(
      (await post('/api/message', { as: 'U0CRO', channel: 'C0NOPE', text: 'hi' })).status,
    ).toBe(400);
    expect(
      (await post('/api/message', { as: 'U0CRO', channel: CHANNEL, text: '   ' })).status,
    ).toBe(400);
    expect(deliveries).toEqual([]);
    expect(slack.messagesIn(CHANNEL)).toEqual([]);
  });
});

describe('a Bolt app answering in threads through the local workspace', () => {
  let slack: SlackEmulator;
  let app: App;
  let ws: RunningLocalWorkspace;
  let post: ReturnType<typeof poster>;
  let clicks: Array<Record<string, unknown>>;

  beforeEach(async () => {
    clicks = [];
    slack = await emulator();
    app = new App({
      token: TOKEN,
      receiver: new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR }),
      botId: slack.bot.botId,
      botUserId: slack.bot.userId,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: slack.apiUrl },
    });
    const followUp = (question: string) => [
      { type: 'section', text: { type: 'mrkdwn', text: `answer to *${question}*` } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'ask_followup',
            value: 'by region',
            text: { type: 'plain_text', text: 'by region' },
          },
        ],
      },
    ];
    // as the contract says dealfit answers: a mention in a thread under it, a DM at top level
    app.event('app_mention', async ({ event, client }) => {
      await client.chat.postMessage({
        channel: event.channel,
        thread_ts: event.thread_ts ?? event.ts,
        text: `answer to ${event.text}`,
        blocks: followUp(event.text),
      });
    });
    app.message(async ({ message, client }) => {
      const m = message as {
        channel_type?: string;
        channel: string;
        text?: string;
        thread_ts?: string;
      };
      if (m.channel_type !== 'im') return;
      await client.chat.postMessage({
        channel: m.channel,
        text: `answer to ${m.text}`,
        blocks: followUp(m.text ?? ''),
        ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      });
    });
    app.command('/winrate', async ({ ack, command, respond }) => {
      await ack();
      await respond({ text: `win rate: ${command.text}` });
    });
    app.action('ask_followup', async ({ ack, body, client }) => {
      await ack();
      const b = body as unknown as {
        container: { thread_ts?: string; message_ts: string };
        message: { thread_ts?: string; ts: string };
        channel: { id: string };
        actions: Array<{ value: string }>;
      };
      clicks.push({ container: b.container, message: b.message });
      const thread = b.container.thread_ts ?? b.message.thread_ts;
      await client.chat.postMessage({
        channel: b.channel.id,
        text: `follow-up: ${b.actions[0]?.value}`,
        ...(thread ? { thread_ts: thread } : {}),
      });
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as {
      address(): AddressInfo;
    };
    ws = await workspace(slack, `http://127.0.0.1:${server.address().port}/slack/events`);
    post = poster(ws);
  });

  afterEach(async () => {
    await ws.close();
    await app.stop();
    await slack.close();
  });

  it('gets the mention answered in a thread under it, and a click there sends container.thread_ts', async () => {
    const { ts } = (await (
      await post('/api/message', {
        as: 'U0CRO',
        channel: CHANNEL,
        text: '@dealfit win rate by industry',
      })
    ).json()) as { ts: string };
    const [answer] = await slack.waitFor(() => {
      const replies = slack.repliesTo(CHANNEL, ts);
      return replies.length > 0 && replies;
    });
    expect(answer).toMatchObject({ threadTs: ts, botId: slack.bot.botId });
    // Bolt's message listener saw the message event too; only app_mention answered
    expect(slack.topLevelIn(CHANNEL)).toHaveLength(1);

    const click = await post('/api/action', {
      as: 'U0CRO',
      channel: CHANNEL,
      ts: answer!.ts,
      ephemeral: false,
      element: { type: 'button', action_id: 'ask_followup', value: 'by region', text: 'by region' },
    });
    expect(click.status).toBe(200);
    await slack.waitFor(() => slack.repliesTo(CHANNEL, ts).length === 2);
    expect(clicks[0]).toMatchObject({
      container: { message_ts: answer!.ts, thread_ts: ts },
      message: { ts: answer!.ts, thread_ts: ts },
    });
    expect(slack.repliesTo(CHANNEL, ts).map((m) => m.text)).toEqual([
      'answer to <@U0DEALFIT> win rate by industry',
      'follow-up: by region',
    ]);
    const page = (await (
      await fetch(`${ws.url}/partial?as=U0CRO&c=${CHANNEL}&t=${ts}`)
    ).json()) as {
      pane: string;
      thread: string;
    };
    expect(page.pane).toContain('2 replies');
    expect(page.thread).toContain('follow-up: by region');
    expect(page.thread).toContain('data-action=');
    // the mention reads as Slack shows it, not as the bot's user id
    expect(page.thread).toContain('<span class="mention">@dealfit</span>');
  });

  it('shows the answer to a slash command typed in a thread in that thread', async () => {
    const { ts } = (await (
      await post('/api/message', { as: 'U0CRO', channel: CHANNEL, text: 'a question' })
    ).json()) as { ts: string };
    const res = await post('/api/command', {
      as: 'U0CRO',
      channel: CHANNEL,
      text: '/winrate industry',
      thread_ts: ts,
    });
    expect(res.status).toBe(200);
    const [ephemeral] = await slack.waitFor(() => {
      const mine = slack.ephemeralsFor(CHANNEL, 'U0CRO');
      return mine.length > 0 && mine;
    });
    expect(ephemeral).toMatchObject({ threadTs: ts, text: 'win rate: industry' });
    const page = (await (
      await fetch(`${ws.url}/partial?as=U0CRO&c=${CHANNEL}&t=${ts}`)
    ).json()) as {
      pane: string;
      thread: string;
    };
    expect(page.thread).toContain('win rate: industry');
    expect(page.pane).not.toContain('win rate: industry');
  });

  it('gets a DM answered at top level, and a click on it sends no thread', async () => {
    const dm = slack.dmWith('U0CRO');
    await post('/api/message', { as: 'U0CRO', channel: dm, text: 'how are we doing in APAC?' });
    const answer = await slack.waitFor(() => slack.messagesIn(dm).find((m) => m.botId));
    expect(answer.threadTs).toBeUndefined();
    await post('/api/action', {
      as: 'U0CRO',
      channel: dm,
      ts: answer.ts,
      element: { type: 'button', action_id: 'ask_followup', value: 'by region', text: 'by region' },
    });
    await slack.waitFor(() => clicks.length === 1);
    expect(clicks[0]?.container).not.toHaveProperty('thread_ts');
    expect(clicks[0]?.message).not.toHaveProperty('thread_ts');
    await slack.waitFor(() => slack.topLevelIn(dm).length === 3);
  });
});
