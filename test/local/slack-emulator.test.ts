import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/local/slack-emulator/slack-emulator.js';

const TOKEN = 'xoxb-local-test';

describe('Slack emulator (local workspace features)', () => {
  let slack: SlackEmulator;
  let client: webApi.WebClient;

  beforeEach(async () => {
    slack = await SlackEmulator.start({
      token: TOKEN,
      channels: [{ id: 'C0MANAGERS', name: 'sales-managers' }],
      users: [
        { id: 'U0MANAGER', name: 'Maria (manager)', title: 'manager' },
        { id: 'U0REP1', name: 'rep_1', title: 'rep' },
      ],
    });
    client = new webApi.WebClient(TOKEN, {
      slackApiUrl: slack.apiUrl,
      logLevel: webApi.LogLevel.ERROR,
      retryConfig: { retries: 0 },
    });
  });
  afterEach(async () => {
    await slack.close();
  });

  it('accepts only its own token', async () => {
    const other = new webApi.WebClient('xoxb-someone-else', {
      slackApiUrl: slack.apiUrl,
      logLevel: webApi.LogLevel.ERROR,
      retryConfig: { retries: 0 },
    });
    await expect(other.auth.test()).rejects.toThrow(/invalid_auth/);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
  });

  it('serves uploaded files back over HTTP so a page can show them', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await client.files.uploadV2({
      channel_id: 'C0MANAGERS',
      file: bytes,
      filename: 'chart.png',
      title: 'Chart',
    });
    const [file] = slack.filesIn('C0MANAGERS');
    expect(file).toBeDefined();
    const res = await fetch(slack.fileUrl(file!.id));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect((await fetch(slack.fileUrl('F404'))).status).toBe(404);
  });

  it('edits the clicked message on replace_original and keeps ephemerals per user', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0MANAGERS', text: 'card v1' });
    const url = slack.responseUrl('C0MANAGERS', 'U0MANAGER', posted.ts);
    await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ replace_original: true, text: 'card v2', blocks: [] }),
    });
    expect(slack.messagesIn('C0MANAGERS')).toMatchObject([{ text: 'card v2', edited: true }]);
    await fetch(slack.responseUrl('C0MANAGERS', 'U0REP1'), {
      method: 'POST',
      body: JSON.stringify({ text: 'only managers can approve' }),
    });
    expect(slack.ephemeralsFor('C0MANAGERS', 'U0REP1')).toMatchObject([
      { text: 'only managers can approve' },
    ]);
    expect(slack.ephemeralsFor('C0MANAGERS', 'U0MANAGER')).toEqual([]);
  });

  it('reports every change to subscribers (the page redraws on it)', async () => {
    let seen = 0;
    const stop = slack.subscribe(() => {
      seen += 1;
    });
    const before = slack.changeCount;
    await client.auth.test();
    expect(seen).toBe(0);
    await client.chat.postMessage({ channel: 'U0REP1', text: 'hello rep' });
    expect(seen).toBeGreaterThan(0);
    expect(slack.changeCount).toBeGreaterThan(before);
    expect(slack.messagesIn(slack.dmWith('U0REP1'))).toMatchObject([{ text: 'hello rep' }]);
    stop();
    const after = seen;
    slack.addUser({ id: 'U0CRO', name: 'Chris (CRO)' });
    expect(seen).toBe(after);
    const list = await client.users.list({});
    expect(list.members?.map((m) => m.id)).toEqual(['U0MANAGER', 'U0REP1', 'U0CRO']);
  });
});

describe('Slack emulator snapshots', () => {
  it('restores conversations, DMs, files and Home views into a new emulator', async () => {
    const users = [{ id: 'U0REP1', name: 'rep_1' }];
    const first = await SlackEmulator.start({ token: TOKEN, users });
    const client = new webApi.WebClient(TOKEN, {
      slackApiUrl: first.apiUrl,
      logLevel: webApi.LogLevel.ERROR,
      retryConfig: { retries: 0 },
    });
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'card' });
    await client.chat.postMessage({ channel: 'U0REP1', text: 'dm' });
    await client.files.uploadV2({
      channel_id: 'C0GENERAL',
      file: Buffer.from('png'),
      filename: 'c.png',
    });
    await client.views.publish({ user_id: 'U0REP1', view: { type: 'home', blocks: [] } });
    const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
    await first.close();

    const second = await SlackEmulator.start({ token: TOKEN, users });
    try {
      second.restore(snapshot);
      expect(second.messagesIn('C0GENERAL')[0]).toMatchObject({ text: 'card', ts: posted.ts });
      expect(second.messagesIn(second.dmWith('U0REP1'))).toMatchObject([{ text: 'dm' }]);
      const [file] = second.filesIn('C0GENERAL');
      expect(file?.bytes?.toString()).toBe('png');
      expect(second.homeViews.get('U0REP1')).toMatchObject({ type: 'home' });
      // new messages get later timestamps than the restored ones
      const next = await new webApi.WebClient(TOKEN, {
        slackApiUrl: second.apiUrl,
        logLevel: webApi.LogLevel.ERROR,
      }).chat.postMessage({ channel: 'C0GENERAL', text: 'later' });
      expect(Number(next.ts)).toBeGreaterThan(Number(posted.ts));
    } finally {
      await second.close();
    }
  });
});
