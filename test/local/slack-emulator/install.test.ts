/**
 * What an install can get wrong, as the emulator answers it (what `dealfit doctor` reads):
 * scopes granted per token in `x-oauth-scopes`, `missing_scope`, `invalid_auth` for a token
 * it does not know, and channels the bot was not invited to.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { manifestBotScopes } from '../../../src/adapters/slack/manifest.js';
import { SlackEmulator } from '../../../src/local/slack-emulator/server.js';
import { clientFor } from './web-client.js';

describe('Slack emulator: tokens, scopes and membership', () => {
  let slack: SlackEmulator | undefined;
  afterEach(async () => {
    await slack?.close();
  });

  it('names each token its own granted scopes, and refuses a call without its scope', async () => {
    slack = await SlackEmulator.start({
      channels: [{ id: 'C0SALES', name: 'sales' }],
      tokens: { 'xoxb-old-install': ['commands', 'chat:write'], 'xoxb-full': manifestBotScopes() },
    });
    const old = clientFor(slack, 'xoxb-old-install');
    const auth = await old.auth.test();
    expect(auth.response_metadata?.scopes).toEqual(['commands', 'chat:write']);
    await expect(old.conversations.info({ channel: 'C0SALES' })).rejects.toMatchObject({
      data: { error: 'missing_scope', needed: 'channels:read' },
    });
    const full = await clientFor(slack, 'xoxb-full').auth.test();
    expect(full.response_metadata?.scopes).toEqual([...manifestBotScopes()]);
    // a token it was never given is refused, as Slack refuses a typo
    await expect(clientFor(slack, 'xoxb-typo').auth.test()).rejects.toThrow(/invalid_auth/);
    // a reinstall grants the missing scopes to the same token
    slack.grant('xoxb-old-install', manifestBotScopes());
    await expect(old.conversations.info({ channel: 'C0SALES' })).resolves.toMatchObject({
      channel: { id: 'C0SALES', name: 'sales', is_member: true },
    });
  });

  it('knows the channels the bot is not in: is_member false, not_in_channel, hidden if private', async () => {
    slack = await SlackEmulator.start({
      channels: [
        { id: 'C0SALES', name: 'sales', botMember: false },
        { id: 'G0SECRET', name: 'board', botMember: false, isPrivate: true },
      ],
    });
    const client = clientFor(slack, 'xoxb-any');
    await expect(client.conversations.info({ channel: 'C0SALES' })).resolves.toMatchObject({
      channel: { name: 'sales', is_member: false, is_private: false, is_archived: false },
    });
    await expect(client.chat.postMessage({ channel: 'C0SALES', text: 'hi' })).rejects.toThrow(
      /not_in_channel/,
    );
    await expect(client.conversations.info({ channel: 'G0SECRET' })).rejects.toThrow(
      /channel_not_found/,
    );
    slack.setBotMember('C0SALES', true);
    await expect(
      client.chat.postMessage({ channel: 'C0SALES', text: 'hi' }),
    ).resolves.toMatchObject({ ok: true });
    expect(slack.messagesIn('C0SALES')).toHaveLength(1);
  });
});
