/**
 * The local workspace (no Slack tokens) on the PostgreSQL store: DATABASE_URL set, `npm
 * start`'s code path seeds the demo deals into PostgreSQL, runs the jobs' catch-up there,
 * and answers a question in plain words from it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  LOCAL_CHANNELS,
  LOCAL_CRO,
  type RunningLocalMode,
  startLocalMode,
} from '../../src/local/local-mode.js';
import { freshDatabase, type TestDatabase } from '../helpers/postgres-server.js';

describe('the local workspace on PostgreSQL', () => {
  let database: TestDatabase;
  let dir: string;
  let local: RunningLocalMode;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    dir = mkdtempSync(join(tmpdir(), 'dealfit-local-pg-'));
    const config = loadConfig({
      DATABASE_URL: database.url,
      DEALFIT_DB: join(dir, 'data/dealfit.db'),
      PORT: '0',
    });
    local = await startLocalMode(config, { now: () => new Date(), log: (l) => lines.push(l) });
  }, 120_000);

  afterAll(async () => {
    await local?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds the demo deals into PostgreSQL and posts the first alerts and digest from it', async () => {
    const ready = await local.ready;
    expect(lines.join('\n')).toMatch(/imported 12000 generated demo deals .* into PostgreSQL /);
    const alerts = local.slack.messagesIn(LOCAL_CHANNELS.alerts.id);
    expect(ready).toContain(`#${LOCAL_CHANNELS.alerts.name} ${alerts.length} messages`);
    expect(alerts.some((m) => /digest/i.test(m.text))).toBe(true);
    const health = await local.app.deps.health();
    expect(health).toMatchObject({ ok: true, store: { kind: 'postgres' } });
    const status = await local.app.store.database.status();
    expect(status.deals.total).toBe(12_000);
    // nothing was written to the SQLite path: the store is the server's
    expect(lines.join('\n')).not.toContain(join(dir, 'data/dealfit.db'));
  }, 120_000);

  it('answers an @dealfit question in the thread under it', async () => {
    const channel = LOCAL_CHANNELS.alerts.id;
    const res = await fetch(`${local.url}/api/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: LOCAL_CRO.id, channel, text: '@dealfit win rate in APAC?' }),
    });
    expect(res.status).toBe(200);
    const asked = local.slack.messagesIn(channel).at(-1)!;
    const deadline = Date.now() + 30_000;
    let reply: { text: string } | undefined;
    while (!reply && Date.now() < deadline) {
      reply = local.slack
        .messagesIn(channel)
        .find((m) => m.threadTs === asked.ts && m.botId !== undefined);
      if (!reply) await new Promise((r) => setTimeout(r, 100));
    }
    expect(reply?.text).toMatch(/APAC/);
    expect(reply?.text).toMatch(/\d+(\.\d)?%/);
  }, 60_000);
});
