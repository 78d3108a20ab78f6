import { describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../../src/local/slack-emulator/server.js';
import { EmulatedWorkspace } from '../../../src/local/slack-emulator/state.js';
import { clientFor } from './web-client.js';

const TOKEN = 'xoxb-local-test';

describe('Slack emulator state without a server', () => {
  it('resolves a user id to the DM with that user and refuses unknown channels', () => {
    const ws = new EmulatedWorkspace({ users: [{ id: 'U0REP1', name: 'rep_1' }] });
    expect(ws.users.get('U0REP1')?.tz).toBe('UTC');
    expect(ws.channelOf({ channel: 'C0GENERAL' })).toBe('C0GENERAL');
    expect(ws.channelOf({ channel: 'U0REP1' })).toBe('D0REP1');
    expect(ws.channels.get('D0REP1')).toEqual({ id: 'D0REP1', name: 'dm-U0REP1', user: 'U0REP1' });
    expect(() => ws.channelOf({ channel: 'C0NOPE' })).toThrow('channel_not_found');
    expect(() => ws.channelOf({})).toThrow('channel_not_found');
  });

  it('hands out ever later message timestamps, also after a restore', () => {
    const ws = new EmulatedWorkspace();
    const first = ws.nextTs();
    const restored = new EmulatedWorkspace();
    restored.restore({ ...ws.snapshot(), clock: 1_800_000_000 });
    expect(Number(ws.nextTs())).toBeGreaterThan(Number(first));
    expect(Number(restored.nextTs())).toBeGreaterThan(1_800_000_000);
  });
});

describe('Slack emulator state: change feed', () => {
  it('reports every change to subscribers (the page redraws on it)', async () => {
    const slack = await SlackEmulator.start({
      token: TOKEN,
      users: [{ id: 'U0REP1', name: 'rep_1', title: 'rep' }],
    });
    try {
      const client = clientFor(slack, TOKEN);
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
      stop();
      const after = seen;
      slack.addUser({ id: 'U0CRO', name: 'Chris (CRO)' });
      expect(seen).toBe(after);
    } finally {
      await slack.close();
    }
  });
});

describe('Slack emulator snapshots', () => {
  it('restores conversations, DMs, files and Home views into a new emulator', async () => {
    const users = [{ id: 'U0REP1', name: 'rep_1' }];
    const first = await SlackEmulator.start({ token: TOKEN, users });
    const client = clientFor(first, TOKEN);
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
      const next = await clientFor(second, TOKEN).chat.postMessage({
        channel: 'C0GENERAL',
        text: 'later',
      });
      expect(Number(next.ts)).toBeGreaterThan(Number(posted.ts));
    } finally {
      await second.close();
    }
  });

  it('refuses a snapshot of an unknown version', async () => {
    const slack = await SlackEmulator.start({ token: TOKEN });
    try {
      const snapshot = { ...slack.snapshot(), version: 2 } as unknown as ReturnType<
        SlackEmulator['snapshot']
      >;
      expect(() => slack.restore(snapshot)).toThrow(/unknown snapshot version 2/);
    } finally {
      await slack.close();
    }
  });
});
