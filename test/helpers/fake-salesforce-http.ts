/**
 * HTTP details of the fake Salesforce: JWT assertion checks, datetime rendering, ordering,
 * the query batch size header, and JSON responses.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SfRow } from './fake-salesforce.js';

/** Datetime fields are stored as epoch ms and rendered the way Salesforce does. */
const DATETIME_FIELDS = new Set(['CreatedDate', 'LastModifiedDate', 'SystemModstamp']);

/** Returns [error, description] when a JWT bearer assertion is not acceptable. */
export function checkJwtAssertion(
  assertion: string,
  options: {
    publicKeyPem?: string | undefined;
    clientId: string;
    audience: string;
    username: string;
  },
): [string, string] | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3 || !options.publicKeyPem) {
    return ['invalid_grant', 'invalid assertion'];
  }
  const [h = '', p = '', s = ''] = parts;
  let header: { alg?: string };
  let claims: { iss?: string; sub?: string; aud?: string; exp?: number };
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return ['invalid_grant', 'invalid assertion'];
  }
  if (header.alg !== 'RS256') return ['invalid_grant', 'invalid assertion'];
  const key = createPublicKey(options.publicKeyPem);
  if (!verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) {
    return ['invalid_grant', 'invalid assertion'];
  }
  if (claims.iss !== options.clientId) {
    return ['invalid_client_id', 'client identifier invalid'];
  }
  if (claims.aud !== options.audience) return ['invalid_grant', 'audience is invalid'];
  if (claims.sub !== options.username) {
    return ['invalid_grant', "user hasn't approved this consumer"];
  }
  // Salesforce wants exp within 3 minutes of the server's (real) clock.
  const nowSec = Date.now() / 1000;
  if (typeof claims.exp !== 'number' || claims.exp < nowSec || claims.exp > nowSec + 300) {
    return ['invalid_grant', 'expired authorization code'];
  }
  return undefined;
}

export function compareRows(
  a: SfRow,
  b: SfRow,
  orderBy: Array<{ field: string; desc: boolean }>,
): number {
  for (const { field, desc } of orderBy) {
    const x = a[field] as string | number | null | undefined;
    const y = b[field] as string | number | null | undefined;
    if (x === y) continue;
    // Salesforce sorts nulls first in ascending order.
    const c =
      x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : x < y ? -1 : 1;
    return desc ? -c : c;
  }
  return 0;
}

/** `2024-06-01T00:00:00.000+0000`, the way the REST API writes datetimes. */
export function sfDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function render(field: string, value: unknown): unknown {
  if (value === undefined) return null;
  if (DATETIME_FIELDS.has(field) && typeof value === 'number') return sfDateTime(value);
  return value;
}

export function querySize(header: string | string[] | undefined): number {
  const m = /batchSize=(\d+)/.exec(String(header ?? ''));
  const size = m ? Number(m[1]) : 2000;
  return Math.min(2000, Math.max(200, size));
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
