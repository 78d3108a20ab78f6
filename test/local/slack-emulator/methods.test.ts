import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../../src/local/slack-emulator/server.js';
import { clientFor } from './web-client.js';

const TOKEN = 'xoxb-local-test';

describe('Slack emulator methods and response_url', () => {
  let slack: SlackEmulator;

  beforeEach(async () => {
    slack = await SlackEmulator.start({
      token: TOKEN,
      channels: [{ id: 'C0MANAGERS', name: 'sales-managers' }],
      users: [
        { id: 'U0MANAGER', name: 'Maria (manager)', title: 'manager' },
        { id: 'U0REP1', name: 'rep_1', title: 'rep' },
      ],
    });
  });
  afterEach(async () => {
    await slack.close();
  });

  it('edits the clicked message on replace_original and keeps ephemerals per user', async () => {
    const client = clientFor(slack, TOKEN);
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

  it('posts to a user id into the DM with that user and lists users added later', async () => {
    const client = clientFor(slack, TOKEN);
    await client.chat.postMessage({ channel: 'U0REP1', text: 'hello rep' });
    expect(slack.messagesIn(slack.dmWith('U0REP1'))).toMatchObject([{ text: 'hello rep' }]);
    slack.addUser({ id: 'U0CRO', name: 'Chris (CRO)' });
    const list = await client.users.list({});
    expect(list.members?.map((m) => m.id)).toEqual(['U0MANAGER', 'U0REP1', 'U0CRO']);
  });
});
