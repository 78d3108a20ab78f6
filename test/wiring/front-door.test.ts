/**
 * The front door (adapters/slack/front-door.ts): with the app's threads (a database file),
 * the public port is served from the HTTP thread, which acks Slack's signed requests at once
 * and hands them on to the Bolt app on a loopback port. Everything must work as before:
 * answers arrive, bad signatures are refused, URL verification gets its challenge, and the
 * other routes (GET /healthz) are answered by the main thread.
 */

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeFrontDoor,
  frontDoorPort,
  listenFrontDoor,
  verifySlackSignature,
} from '../../src/adapters/slack/front-door.js';
import { closeDatabase, type Db, openDatabase } from '../../src/adapters/storage/database.js';
import { insertDemoDeals } from '../helpers/demo-db.js';
import { type Harness, SIGNING_SECRET, startHarness } from '../helpers/slack-harness.js';
import { postEvent, sign } from '../helpers/slack-requests.js';
import { createTempDbPath } from '../helpers/test-db.js';

describe('the front door in the HTTP thread', () => {
  let h: Harness | undefined;
  let db: Db | undefined;
  const cleanups: Array<() => void> = [];
  afterEach(async () => {
    await h?.close();
    h = undefined;
    if (db) closeDatabase(db);
    db = undefined;
    for (const c of cleanups.splice(0)) c();
  });

  async function start() {
    const tmp = createTempDbPath();
    cleanups.push(tmp.cleanup);
    db = openDatabase(tmp.path);
    insertDemoDeals(db, { deals: 1500 });
    // no injected queries and a file: the app starts its query and HTTP threads
    h = await startHarness({ db });
    // the public port is the front door's, not the Bolt app's
    expect(h.running.backendPort).toBeGreaterThan(0);
    expect(h.running.backendPort).not.toBe(h.port);
    return h;
  }

  it('acks a signed slash command and the answer still arrives on response_url', async () => {
    const h = await start();
    const sent = await h.command('/winrate', 'industry');
    expect(sent.status).toBe(200);
    const [answer] = await h.fake.waitFor(() => sent.answers().length > 0 && sent.answers());
    expect(JSON.stringify(answer!.body.blocks)).toContain('FinTech');
  });

  it('answers the requests it acked right before the app stops (a rolling restart)', async () => {
    const h = await start();
    const sent = await Promise.all([
      h.command('/winrate', 'industry'),
      h.command('/winrate', 'region'),
      h.command('/audit', ''),
    ]);
    expect(sent.map((s) => s.status)).toEqual([200, 200, 200]);
    // acked by the door, maybe not yet taken by the Bolt app: the stop must finish them
    await h.app.stop();
    for (const s of sent) expect(s.answers().length).toBeGreaterThan(0);
    await h.fake.close();
    h.close = async () => undefined; // stopped here already
  });

  it('refuses a bad signature and a stale timestamp with 401, and the app never sees them', async () => {
    const h = await start();
    const bad = await h.command('/winrate', '', { secret: 'not-the-secret' });
    expect(bad.status).toBe(401);
    const stale = await h.command('/winrate', '', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(bad.answers()).toEqual([]);
    expect(stale.answers()).toEqual([]);
  });

  it("answers Slack's URL verification with its challenge (the Bolt app's answer)", async () => {
    const h = await start();
    const body = JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(h.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(SIGNING_SECRET, ts, body),
      },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('c-123');
  });

  it('passes other routes through to the main thread (GET /healthz)', async () => {
    const h = await start();
    const res = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, db: { ok: true } });
    const missing = await fetch(`http://127.0.0.1:${h.port}/nope`);
    expect(missing.status).toBe(404);
  });
});

describe('verifySlackSignature', () => {
  const body = Buffer.from('a=1&b=2');
  const now = 1_700_000_000_000;
  const ts = now / 1000;
  const headers = (signature: string, timestamp = ts) => ({
    'x-slack-signature': signature,
    'x-slack-request-timestamp': String(timestamp),
  });
  it('accepts Slack v0 signatures within five minutes and nothing else', () => {
    const good = sign('s3cret', ts, body.toString());
    expect(verifySlackSignature('s3cret', headers(good), body, now)).toBe(true);
    expect(verifySlackSignature('other', headers(good), body, now)).toBe(false);
    expect(verifySlackSignature('s3cret', headers(good), Buffer.from('a=1&b=3'), now)).toBe(false);
    const old = sign('s3cret', ts - 301, body.toString());
    expect(verifySlackSignature('s3cret', headers(old, ts - 301), body, now)).toBe(false);
    expect(verifySlackSignature('s3cret', {}, body, now)).toBe(false);
  });
});

describe('closing the front door', () => {
  it('waits for the acked requests still on their way to the Bolt app', async () => {
    // a backend that takes its time to take a request, as a busy main thread does
    const taken: string[] = [];
    const backend = createServer((req, res) => {
      req.resume();
      setTimeout(() => {
        taken.push(req.url ?? '');
        res.writeHead(200).end();
      }, 200);
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', () => r()));
    const door = await listenFrontDoor({
      port: 0,
      host: '127.0.0.1',
      backendPort: (backend.address() as AddressInfo).port,
      signingSecret: SIGNING_SECRET,
    });
    try {
      const url = `http://127.0.0.1:${frontDoorPort(door)}/slack/events`;
      const res = await postEvent(url, SIGNING_SECRET, { type: 'app_mention', text: 'hi' });
      expect(res.status).toBe(200);
      expect(taken).toEqual([]); // acked before the backend has it
      await closeFrontDoor(door);
      expect(taken).toEqual(['/slack/events']);
    } finally {
      backend.closeAllConnections();
      await new Promise((r) => backend.close(r));
    }
  });
});
