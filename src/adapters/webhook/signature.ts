/**
 * Request signing for dealfit's deal webhook, the same scheme as Slack's:
 * `v0=` + hex HMAC-SHA256 of `v0:<unix seconds>:<raw body>` with a shared secret, and a
 * timestamp no older than 5 minutes, so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

export function signBody(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifySignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  nowSeconds: number,
): SignatureCheck {
  if (!headers.timestamp || !headers.signature) {
    return { ok: false, reason: 'missing X-Dealfit-Timestamp or X-Dealfit-Signature header' };
  }
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp)) return { ok: false, reason: 'timestamp is not unix seconds' };
  if (Math.abs(nowSeconds - timestamp) > MAX_SIGNATURE_AGE_SECONDS) {
    return { ok: false, reason: 'timestamp is more than 5 minutes from now' };
  }
  const expected = Buffer.from(signBody(secret, timestamp, rawBody));
  const given = Buffer.from(headers.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}
