/**
 * What the page sends, checked: JSON bodies only (a cross-site form cannot send JSON
 * without a preflight we never allow), a size limit, and the errors that become HTTP
 * statuses. Shared by the server (server.ts) and the endpoints that speak Slack
 * (slack-routes.ts).
 */
import type { IncomingMessage } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  // JSON only: a cross-site form cannot send it without a CORS preflight we never allow.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new HttpError(415, 'send application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64_000) throw new HttpError(413, 'request too large');
    chunks.push(chunk as Buffer);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
    if (!value || typeof value !== 'object') throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new HttpError(400, `bad JSON: ${(error as Error).message}`);
  }
}

export const str = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value === '') throw new HttpError(400, `${name} is required`);
  return value;
};

/** A Slack message ts ("1700000001.000002"), or undefined for anything else. */
export const threadOf = (value: unknown): string | undefined =>
  typeof value === 'string' && /^\d+\.\d+$/.test(value) ? value : undefined;
