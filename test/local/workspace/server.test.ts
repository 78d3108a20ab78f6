/**
 * The local workspace server against the real Bolt app (HTTP receiver verifying signatures)
 * and the Slack emulator: what the page sends must be what Slack would send.
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../../src/local/slack-emulator/server.js';
import {
  type RunningLocalWorkspace,
  startLocalWorkspace,
} from '../../../src/local/workspace/server.js';
import type { WorkspaceJob } from '../../../src/local/workspace/workspace-types.js';

const TOKEN = 'xoxb-local-test';
const SECRET = 'local-secret-for-tests';

describe('local workspace server', () => {
  let slack: SlackEmulator;
  let app: App;
  let ws: RunningLocalWorkspace;
  let seen: Record<string, unknown>[];
  const jobRuns: string[] = [];

  beforeEach(async () => {
    seen = [];
    slack = await SlackEmulator.start({
      token: TOKEN,
      channels: [{ id: 'C0MANAGERS', name: 'sales-managers' }],
      users: [
        { id: 'U0MANAGER', name: 'Maria' },
        { id: 'U0REP1', name: 'Raj' },
      ],
    });
    const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
    app = new App({
      token: TOKEN,
      receiver,
      botId: slack.bot.botId,
      botUserId: slack.bot.userId,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: slack.apiUrl },
    });
    app.command('/winrate', async ({ ack, command, respond }) => {
      await ack();
      seen.push({ kind: 'command', text: command.text, user: command.user_id });
      await respond({ text: `win rate for ${command.user_id}: *41.2%*` });
    });
    app.action('approve', async ({ ack, body, action, respond }) => {
      await ack();
      seen.push({ kind: 'action', user: body.user.id, value: (action as { value: string }).value });
      await respond({ replace_original: true, text: `approved by <@${body.user.id}>` });
    });
    app.action('pick', async ({ ack, action }) => {
      await ack();
      seen.push({
        kind: 'select',
        value: (action as { selected_option: { value: string } }).selected_option.value,
      });
    });
    app.event('app_home_opened', async ({ event, client }) => {
      seen.push({ kind: 'home', user: event.user });
      await client.views.publish({
        user_id: event.user,
        view: {
          type: 'home',
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*RED deals: 3*' } }],
        },
      });
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as {
      address(): AddressInfo;
    };
    const jobs: WorkspaceJob[] = [
      {
        name: 'digest',
        description: 'weekly digest',
        cron: '0 8 * * 1',
        timezone: 'UTC',
        nextRun: null,
        nextRunLocal: null,
        lastRun: null,
      },
      {
        name: 'digest@Australia/Adelaide',
        description: 'weekly digest',
        cron: '0 8 * * 1',
        timezone: 'Australia/Adelaide',
        destinations: ['C0ADL', '@U0MGR (Australia/Adelaide)'],
        nextRun: '2024-06-30T22:30:00.000Z',
        nextRunLocal: '2024-07-01 08:00 Australia/Adelaide',
        lastRun: null,
      },
    ];
    ws = await startLocalWorkspace({
      slack,
      boltUrl: `http://127.0.0.1:${server.address().port}/slack/events`,
      signingSecret: SECRET,
      jobs: {
        list: async () => jobs,
        runNow: async (name) => {
          jobRuns.push(name);
          return { status: 'succeeded', text: 'posted the digest' };
        },
      },
      people: [
        { id: 'U0MANAGER', name: 'Maria', role: 'manager' },
        { id: 'U0REP1', name: 'Raj', role: 'rep', note: 'rep_1' },
      ],
      commands: ['/winrate'],
      defaultChannel: 'C0MANAGERS',
      port: 0,
      now: () => new Date(),
    });
  });

  afterEach(async () => {
    await ws.close();
    await app.stop();
    await slack.close();
  });

  const partial = async (query: string) =>
    (await (await fetch(`${ws.url}/partial?${query}`)).json()) as { pane: string; sidebar: string };

  const post = (path: string, body: unknown, type = 'application/json') =>
    fetch(`${ws.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: JSON.stringify(body),
    });

  it('serves the page on 127.0.0.1 with channels and the act-as picker', async () => {
    expect(ws.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const html = await (await fetch(ws.url)).text();
    expect(html).toContain('# sales-managers');
    expect(html).toContain('<option value="U0REP1">Raj (rep, rep_1)</option>');
    const js = await fetch(`${ws.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
  });

  it('refuses a foreign Host header (DNS rebinding) and non-JSON posts (cross-site forms)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((done) => {
      request(`${ws.url}/`, { headers: { host: 'evil.example:80' } }, (res) =>
        done(res.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(421);
    const res = await post(
      '/api/command',
      { as: 'U0MANAGER', channel: 'C0MANAGERS', text: '/winrate' },
      'text/plain',
    );
    expect(res.status).toBe(415);
    expect(seen).toEqual([]);
  });

  it('sends a typed slash command signed to Bolt; the answer is an ephemeral for that person only', async () => {
    const res = await post('/api/command', {
      as: 'U0REP1',
      channel: 'C0MANAGERS',
      text: '/winrate industry 90d',
    });
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.ephemerals.length === 1);
    expect(seen).toEqual([{ kind: 'command', text: 'industry 90d', user: 'U0REP1' }]);
    const asRep = await partial('as=U0REP1&c=C0MANAGERS');
    expect(asRep.pane).toContain('Only visible to you');
    expect(asRep.pane).toContain('<strong>41.2%</strong>');
    const asManager = await partial('as=U0MANAGER&c=C0MANAGERS');
    expect(asManager.pane).not.toContain('41.2%');
  });

  it('rejects what is not a known command without calling Bolt', async () => {
    const res = await post('/api/command', {
      as: 'U0REP1',
      channel: 'C0MANAGERS',
      text: '/deploy prod',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('not a dealfit command');
    expect(seen).toEqual([]);
  });

  it('turns a click into signed block_actions that can replace the message, and a select into its option', async () => {
    const card = await app.client.chat.postMessage({
      channel: 'C0MANAGERS',
      text: 'co-lead card',
      blocks: [
        {
          type: 'actions',
          block_id: 'colead',
          elements: [
            {
              type: 'button',
              action_id: 'approve',
              value: '7',
              text: { type: 'plain_text', text: 'Approve' },
            },
          ],
        },
      ],
    });
    const html = await (await fetch(`${ws.url}/?as=U0MANAGER&c=C0MANAGERS`)).text();
    expect(html).toContain('data-action=');
    const click = await post('/api/action', {
      as: 'U0MANAGER',
      channel: 'C0MANAGERS',
      ts: card.ts,
      ephemeral: false,
      element: {
        type: 'button',
        action_id: 'approve',
        block_id: 'colead',
        value: '7',
        text: 'Approve',
      },
    });
    expect(click.status).toBe(200);
    await slack.waitFor(() => slack.messagesIn('C0MANAGERS')[0]?.edited);
    expect(seen).toEqual([{ kind: 'action', user: 'U0MANAGER', value: '7' }]);
    expect(slack.messagesIn('C0MANAGERS')[0]?.text).toBe('approved by <@U0MANAGER>');
    const pick = await post('/api/action', {
      as: 'U0MANAGER',
      channel: 'C0MANAGERS',
      ts: card.ts,
      element: {
        type: 'static_select',
        action_id: 'pick',
        block_id: 'colead',
        selected: { value: 'rep_9', text: 'rep_9' },
      },
    });
    expect(pick.status).toBe(200);
    expect(seen.at(-1)).toEqual({ kind: 'select', value: 'rep_9' });
  });

  it('opens the Home tab with app_home_opened and shows the published view', async () => {
    const res = await post('/api/home', { as: 'U0REP1' });
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.homeViews.get('U0REP1'));
    const home = await partial('as=U0REP1&view=home');
    expect(home.pane).toContain('<strong>RED deals: 3</strong>');
  });

  it('lists jobs and runs one now', async () => {
    const page = await (await fetch(`${ws.url}/?view=jobs`)).text();
    expect(page).toContain('data-run-job="digest"');
    const res = await post('/api/jobs/digest/run', {});
    expect(await res.json()).toEqual({ ok: true, status: 'succeeded', text: 'posted the digest' });
    expect(jobRuns).toEqual(['digest']);
    expect((await post('/api/jobs/nope/run', {})).status).toBe(404);
    // a destination zone's job: its next run in its own zone, run by its encoded name
    expect(page).toContain('<td class="next-run">2024-07-01 08:00 Australia/Adelaide</td>');
    // its destinations, a person with their zone
    expect(page).toContain(
      '<div class="detail destinations">to C0ADL, @U0MGR (Australia/Adelaide)</div>',
    );
    const zoned = await post(
      `/api/jobs/${encodeURIComponent('digest@Australia/Adelaide')}/run`,
      {},
    );
    expect(zoned.status).toBe(200);
    expect(jobRuns).toEqual(['digest', 'digest@Australia/Adelaide']);
  });

  it('serves uploaded files so chart images render', async () => {
    await app.client.files.uploadV2({
      channel_id: 'C0MANAGERS',
      file: Buffer.from('png-bytes'),
      filename: 'c.png',
      title: 'Chart',
    });
    const html = await (await fetch(`${ws.url}/?as=U0MANAGER&c=C0MANAGERS`)).text();
    const src = /<img src="(\/files\/[^"]+)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const img = await fetch(`${ws.url}${src}`);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(await img.text()).toBe('png-bytes');
  });
});
