/**
 * The webhook adapter on its own: it verifies, limits and parses the request and maps the
 * use case's result to HTTP; the use case is a stand-in here (the whole path runs in
 * deal-webhook.test.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  answerHook,
  createHookHttpHandler,
  type DealHookDeps,
  MAX_BODY_BYTES,
} from '../../../src/adapters/webhook/http-handler.js';
import { signBody } from '../../../src/adapters/webhook/signature.js';
import type { DealDelivery, DealWebhookResult } from '../../../src/app/ports/deal-webhook.js';
import { webhookDealBody } from '../../helpers/webhook-deal.js';

const SECRET = 'hook-secret';
const NOW = new Date('2024-07-01T06:00:00Z');
const ts = Math.floor(NOW.getTime() / 1000);

function deps(result: DealWebhookResult) {
  const received: DealDelivery[] = [];
  const d: DealHookDeps = {
    secret: SECRET,
    now: () => NOW,
    receive: async (delivery) => {
      received.push(delivery);
      return result;
    },
  };
  return { deps: d, received };
}

const signed = (rawBody: string) => ({
  timestamp: String(ts),
  signature: signBody(SECRET, ts, rawBody),
  rawBody,
});

const stored = { status: 'stored', dealId: 'D1', change: 'inserted', reassigned: false } as const;

describe('answerHook', () => {
  it('answers 401 without calling the use case when the signature is wrong', async () => {
    const { deps: d, received } = deps({ status: 'invalid', errors: [] });
    const answer = await answerHook(d, { ...signed('{}'), signature: 'v0=nope' });
    expect(answer).toEqual({
      status: 401,
      body: { error: 'unauthorized: signature does not match' },
    });
    expect(received).toEqual([]);
  });

  it('hands the canonical fields to the use case and maps each result to HTTP', async () => {
    const body = JSON.stringify({ deal_id: 'D1', deal_amount: 5 });
    const invalid = deps({ status: 'invalid', errors: ['deal_id is missing'] });
    expect(await answerHook(invalid.deps, signed(body))).toMatchObject({
      status: 400,
      body: { error: 'invalid deal', details: expect.arrayContaining(['created_date: required']) },
    });
    expect(invalid.received).toEqual([]); // the body lacks required fields

    const full = webhookDealBody({ deal_id: 'D1' });
    const rejected = deps({ status: 'invalid', errors: ['nope'] });
    expect(await answerHook(rejected.deps, signed(full))).toEqual({
      status: 400,
      body: { error: 'invalid deal', details: ['nope'] },
    });
    expect(rejected.received[0]?.fields).toMatchObject({ deal_id: 'D1', deal_amount: '25000' });
    expect(rejected.received[0]?.rawBody).toBe(full);

    const failed = deps({ status: 'failed', error: 'disk full' });
    expect(await answerHook(failed.deps, signed(full))).toEqual({
      status: 500,
      body: { error: 'could not store the deal: disk full' },
    });
    const closed = deps({ ...stored, fit: null });
    expect(await answerHook(closed.deps, signed(full))).toEqual({
      status: 200,
      body: {
        dealId: 'D1',
        change: 'inserted',
        flag: null,
        reason: 'the deal is closed: nothing to score',
      },
    });
    const fit = { flag: 'RED', rsfs: 0.1, percentile: 3 } as const;
    const skipped = deps({ ...stored, fit, colead: { status: 'skipped', reason: 'busy' } });
    expect(await answerHook(skipped.deps, signed(full))).toEqual({
      status: 200,
      body: {
        dealId: 'D1',
        change: 'inserted',
        reassigned: false,
        flag: 'RED',
        rsfs: 0.1,
        percentile: 3,
        colead: { skipped: 'busy' },
      },
    });
    const green = deps({ ...stored, fit: { ...fit, flag: 'GREEN' }, colead: null });
    expect((await answerHook(green.deps, signed(full))).body.colead).toBeNull();
  });
});

describe('createHookHttpHandler', () => {
  const servers: Array<ReturnType<typeof createServer>> = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  it(`answers 413 to a body over ${MAX_BODY_BYTES} bytes (64 KiB), before checking it`, async () => {
    const { deps: d, received } = deps({ status: 'invalid', errors: [] });
    const handler = createHookHttpHandler(d);
    const server = createServer((req, res) => void handler(req, res));
    servers.push(server);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${port}/hooks/deals`, { method: 'POST', body }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
    const big = await post('x'.repeat(MAX_BODY_BYTES + 1));
    expect(big).toEqual({ status: 413, body: { error: 'body larger than 65536 bytes' } });
    expect((await post('x'.repeat(MAX_BODY_BYTES))).status).toBe(401); // within the limit
    expect(received).toEqual([]);
  });
});
