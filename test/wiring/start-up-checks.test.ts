/**
 * The start-up checks of the running app (createApp with `checks`, as `npm start` runs it)
 * against the Slack emulator: an invalid token stops start-up with its fix; a warning is
 * logged, posted once to the ops channel, kept current across a restart and resolved when
 * fixed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { manifestBotScopes } from '../../src/adapters/slack/manifest.js';
import type { Db } from '../../src/adapters/storage/database.js';
import { loadConfig } from '../../src/config.js';
import { SlackEmulator } from '../../src/local/slack-emulator/server.js';
import { createApp, type DealfitApp } from '../../src/wiring/create-app.js';
import { SetupError } from '../../src/wiring/start-up-checks.js';
import { insertDemoDeals } from '../helpers/demo-db.js';
import { captureLogger, type LogLine } from '../helpers/slack-harness.js';
import { createTestDb } from '../helpers/test-db.js';

const TOKEN = 'xoxb-installed';

describe('start-up checks', { timeout: 60_000 }, () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function emulator(): Promise<SlackEmulator> {
    const fake = await SlackEmulator.start({
      channels: [
        { id: 'C0ALERTS', name: 'revenue-alerts' },
        { id: 'C0MGRS', name: 'sales-managers', botMember: false },
        { id: 'C0OPS', name: 'revenue-ops' },
      ],
      tokens: { [TOKEN]: manifestBotScopes() },
    });
    cleanups.push(() => fake.close());
    return fake;
  }

  function boot(fake: SlackEmulator, db: Db, token = TOKEN): { app: DealfitApp; logs: LogLine[] } {
    const config = loadConfig({
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: 'shh',
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      DEALFIT_ALERTS_CHANNEL: 'C0ALERTS',
      DEALFIT_MANAGERS_CHANNEL: 'C0MGRS',
      DEALFIT_OPS_CHANNEL: 'C0OPS',
    });
    const logs: LogLine[] = [];
    const app = createApp(config, {
      db,
      host: '127.0.0.1',
      logger: captureLogger(logs),
      botId: fake.bot.botId,
      botUserId: fake.bot.userId,
      retryConfig: { retries: 0 },
      jobs: false,
      checks: true,
    });
    cleanups.push(() => app.stop());
    return { app, logs };
  }

  it('stops start-up on a token Slack refuses, with the fix, before serving anything', async () => {
    const fake = await emulator();
    const { app, logs } = boot(fake, createTestDb(), 'xoxb-typo');
    const error = await app.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetupError);
    expect((error as Error).message).toMatch(
      /^cannot start:\n {2}- slack token: Slack refuses SLACK_BOT_TOKEN \(invalid_auth\)\n {4}fix: copy the Bot User OAuth Token/,
    );
    expect(logs.map((l) => l.text).join('\n')).toMatch(
      /setup checks: \d+ ok, \d+ warnings?, 1 failure/,
    );
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('logs a warning, posts it once to the ops channel, keeps it current and resolves it', async () => {
    const fake = await emulator();
    const db = createTestDb();
    const today = new Date().toISOString().slice(0, 10);
    insertDemoDeals(db, { deals: 1500, start: '2025-06-01', end: today });
    const first = boot(fake, db);
    await first.app.start();
    const block = first.logs.map((l) => l.text).find((t) => t.startsWith('setup checks:'));
    expect(block).toMatch(/^setup checks: \d+ ok, 1 warning, 0 failures\n/);
    expect(block).toMatch(
      /warn {2}slack #sales-managers: DEALFIT_MANAGERS_CHANNEL: dealfit is not a member.*\n\s+fix: type `\/invite @dealfit` in #sales-managers/,
    );
    expect(first.logs.map((l) => l.text)).toContain('setup checks: posted to the ops channel');
    const ops = () => fake.topLevelIn('C0OPS');
    expect(ops()).toHaveLength(1);
    expect(ops()[0]?.text).toBe('MEDIUM ops alert: dealfit setup: 1 thing to fix');
    expect(JSON.stringify(ops()[0]?.blocks)).toContain('/invite @dealfit');
    await first.app.stop();

    // a restart with the same problem: no second post, the message is kept current
    const second = boot(fake, db);
    await second.app.start();
    expect(ops()).toHaveLength(1);
    expect(fake.callsTo('chat.update')).toHaveLength(1);
    await second.app.stop();

    // invited: the next start finds nothing and resolves the message
    fake.setBotMember('C0MGRS', true);
    const third = boot(fake, db);
    await third.app.start();
    expect(third.logs.map((l) => l.text)).toContainEqual(
      expect.stringMatching(
        /^setup checks: \d+ ok, 0 warnings, 0 failures \(dealfit doctor shows them\)$/,
      ),
    );
    expect(ops()).toHaveLength(1);
    expect(ops()[0]?.text).toMatch(/^Resolved: /);
    expect(fake.repliesTo('C0OPS', ops()[0]?.ts ?? '')[0]?.text).toMatch(
      /^:white_check_mark: Resolved on/,
    );
  });
});
