import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../../src/local/slack-emulator/server.js';
import { clientFor } from './web-client.js';

const TOKEN = 'xoxb-local-test';

describe('Slack emulator server (auth, files, failure injection)', () => {
  let slack: SlackEmulator;

  beforeEach(async () => {
    slack = await SlackEmulator.start({
      token: TOKEN,
      channels: [{ id: 'C0MANAGERS', name: 'sales-managers' }],
    });
  });
  afterEach(async () => {
    await slack.close();
  });

  it('accepts only its own token', async () => {
    const other = clientFor(slack, 'xoxb-someone-else');
    await expect(other.auth.test()).rejects.toThrow(/invalid_auth/);
    await expect(clientFor(slack, TOKEN).auth.test()).resolves.toMatchObject({ ok: true });
  });

  it('serves uploaded files back over HTTP so a page can show them', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await clientFor(slack, TOKEN).files.uploadV2({
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

  it('answers injected rate limits and failures, and records every call', async () => {
    // a 429 rejects at once instead of the client waiting out Retry-After
    const client = clientFor(slack, TOKEN, { rejectRateLimitedCalls: true });
    slack.rateLimit('chat.postMessage', 1, 7);
    slack.fail('chat.update', 'cant_update_message');
    await expect(client.chat.postMessage({ channel: 'C0MANAGERS', text: 'x' })).rejects.toThrow(
      /rate/i,
    );
    const posted = await client.chat.postMessage({ channel: 'C0MANAGERS', text: 'x' });
    await expect(
      client.chat.update({ channel: 'C0MANAGERS', ts: posted.ts!, text: 'y' }),
    ).rejects.toThrow(/cant_update_message/);
    await client.chat.update({ channel: 'C0MANAGERS', ts: posted.ts!, text: 'y' });
    expect(slack.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(slack.callsTo('chat.update')).toHaveLength(2);
    expect(slack.messagesIn('C0MANAGERS')).toMatchObject([{ text: 'y', edited: true }]);
  });
});
