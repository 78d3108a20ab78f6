import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTION_IDS,
  BLOCK_IDS,
  BOT_EVENTS,
  CALLBACK_IDS,
  COMMAND_HINTS,
  COMMANDS,
} from '../../../src/adapters/slack/ids.js';
import { manifestBotScopes } from '../../../src/adapters/slack/manifest.js';

interface SlashCommand {
  command: string;
  url: string;
  description: string;
  usage_hint: string;
}

const manifest = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../manifest.json'), 'utf8'),
);

describe('manifest.json', () => {
  it('declares exactly the slash commands in ids.ts, with the same hints', () => {
    const commands: SlashCommand[] = manifest.features.slash_commands;
    expect(commands.map((c) => c.command).sort()).toEqual(Object.values(COMMANDS).sort());
    for (const c of commands) {
      const hint = COMMAND_HINTS[c.command as keyof typeof COMMAND_HINTS];
      expect(c.usage_hint).toBe(hint.usageHint);
      expect(c.description).toBe(hint.description);
      // Slack's manifest limits: description <= 100, usage hint <= 1000
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.url).toMatch(/\/slack\/events$/);
    }
  });

  it('asks for the minimal bot scopes and subscribes to the events we listen to', () => {
    // manifest.json is the one list; manifest.ts reads it for `dealfit doctor`
    expect(manifestBotScopes()).toEqual(manifest.oauth_config.scopes.bot);
    // what each Web API call needs: posting, charts, DMs, names, the managers' group,
    // questions (mentions, DMs, thread replies) and doctor's channel membership check
    expect([...manifestBotScopes()].sort()).toEqual(
      [
        'commands',
        'chat:write',
        'files:write',
        'im:write',
        'users:read',
        'usergroups:read',
        'app_mentions:read',
        'im:history',
        'channels:history',
        'groups:history',
        'channels:read',
        'groups:read',
      ].sort(),
    );
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([...BOT_EVENTS]);
  });

  it('enables interactivity (co-lead buttons), the home tab and a bot user', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.bot_user.display_name).toBe('dealfit');
    expect(manifest.display_information.name).toBe('dealfit');
  });

  it('keeps every id in ids.ts unique and within Slack limits (255 chars, no spaces)', () => {
    const ids = [
      ...Object.values(ACTION_IDS),
      ...Object.values(BLOCK_IDS),
      ...Object.values(CALLBACK_IDS),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z_]{1,255}$/);
  });
});
