import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../../src/adapters/webhook/signature.js';

const secret = 'test-secret';
const body = '{"deal_id":"D00001"}';
const now = 1_720_000_000;

describe('webhook signature', () => {
  it('matches an independently computed HMAC and verifies', () => {
    const manual = `v0=${createHmac('sha256', secret).update(`v0:${now}:${body}`).digest('hex')}`;
    expect(signBody(secret, now, body)).toBe(manual);
    expect(
      verifySignature(secret, { timestamp: String(now), signature: manual }, body, now),
    ).toEqual({ ok: true });
  });

  it('rejects a wrong secret, a changed body, a stale timestamp and missing headers', () => {
    const good = signBody(secret, now, body);
    const check = (
      timestamp: string | undefined,
      signature: string | undefined,
      raw = body,
      at = now,
    ) => verifySignature(secret, { timestamp, signature }, raw, at);
    expect(check(String(now), signBody('other', now, body))).toMatchObject({ ok: false });
    expect(check(String(now), good, `${body} `)).toMatchObject({
      ok: false,
      reason: 'signature does not match',
    });
    expect(check(String(now), good, body, now + 301)).toMatchObject({
      ok: false,
      reason: /5 minutes/,
    });
    expect(check(undefined, good)).toMatchObject({ ok: false, reason: /missing/ });
    expect(check('abc', good)).toMatchObject({ ok: false, reason: /unix seconds/ });
  });
});
