import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackMessenger } from '../../../src/adapters/slack/messenger.js';
import { SlackEmulator } from '../../../src/local/slack-emulator/server.js';

const TOKEN = 'xoxb-test-token';

describe('Slack messenger against the fake Web API', () => {
  let fake: SlackEmulator;
  let client: webApi.WebClient;

  beforeEach(async () => {
    fake = await SlackEmulator.start({ channels: [{ id: 'C0ALERTS', name: 'alerts' }] });
    client = new webApi.WebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 },
      logLevel: webApi.LogLevel.ERROR,
    });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('posts, updates, sends ephemerals and DMs', async () => {
    const messenger = createSlackMessenger(client);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];
    const posted = await messenger.post('C0ALERTS', { text: 'hello', blocks });
    expect(fake.messagesIn('C0ALERTS')).toMatchObject([{ text: 'hello', blocks, ts: posted.ts }]);
    await messenger.update(posted, { text: 'edited' });
    expect(fake.messagesIn('C0ALERTS')[0]).toMatchObject({ text: 'edited', edited: true });
    await messenger.post('C0ALERTS', { text: 'in thread' }, { threadTs: posted.ts });
    expect(fake.messagesIn('C0ALERTS')[1]?.threadTs).toBe(posted.ts);
    await messenger.ephemeral('C0ALERTS', 'U0ALICE', { text: 'just you' });
    expect(fake.ephemerals).toMatchObject([
      { channel: 'C0ALERTS', user: 'U0ALICE', text: 'just you' },
    ]);
    const dm = await messenger.dm('U0ALICE', { text: 'psst' });
    expect(fake.messagesIn(dm.channel)).toMatchObject([{ text: 'psst' }]);
    expect(fake.callsTo('conversations.open')).toHaveLength(1);
  });

  it('uploads a PNG with files.uploadV2 (three steps) into a thread', async () => {
    const messenger = createSlackMessenger(client);
    const png = { data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), width: 1, height: 1 };
    const parent = await messenger.post('C0ALERTS', { text: 'parent' });
    const { fileId } = await messenger.uploadPng(
      { channel: 'C0ALERTS', threadTs: parent.ts },
      png,
      {
        filename: 'chart.png',
        title: 'Win rate',
        altText: 'bar chart',
      },
    );
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
    const file = fake.files.get(fileId);
    expect(file).toMatchObject({
      filename: 'chart.png',
      title: 'Win rate',
      channel: 'C0ALERTS',
      threadTs: parent.ts,
      altText: 'bar chart',
    });
    expect(file?.bytes?.equals(png.data)).toBe(true);
  });

  it('retries a 429 on chat.postMessage after Retry-After and delivers once', async () => {
    fake.rateLimit('chat.postMessage', 1, 1);
    const started = Date.now();
    await createSlackMessenger(client).post('C0ALERTS', { text: 'once' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messagesIn('C0ALERTS').filter((m) => m.text === 'once')).toHaveLength(1);
  });

  it('surfaces Slack errors with their code', async () => {
    const messenger = createSlackMessenger(client);
    await expect(messenger.post('C0NOPE', { text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    fake.fail('chat.postMessage', 'is_archived');
    await expect(messenger.post('C0ALERTS', { text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
    });
    const stranger = new webApi.WebClient('xoxp-user', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
    });
    await expect(stranger.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('serves auth.test and users.info for Bolt', async () => {
    expect(await client.auth.test()).toMatchObject({
      ok: true,
      user_id: fake.bot.userId,
      bot_id: fake.bot.botId,
    });
    expect(await client.users.info({ user: 'U0ALICE' })).toMatchObject({ user: { name: 'alice' } });
  });
});
