/**
 * Counts the Slack Web API's HTTP attempts, 429s and retries per method, by wrapping the
 * `fetch` the WebClients use (Bolt's, for every listener, and the proactive side's: one
 * `clientOptions.fetch`). The WebClient itself offers no per-method hook: its retries run
 * inside a private method, and its `rate_limited` event does not name the method.
 *
 * A retry is recognised as the same request (method and body) sent again after one of its
 * attempts failed: the WebClient re-sends the very same serialised body. Two identical
 * calls of which the first failed also count as one retry, which is what it amounts to.
 */
import { createHash } from 'node:crypto';
import type { SlackCallOutcome, Telemetry } from '../../app/ports/telemetry.js';

/** failed requests remembered for their retry; past this the oldest is forgotten */
const MAX_PENDING = 256;

function bodyText(body: RequestInit['body']): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  return undefined;
}

export function countingWebApiFetch(
  telemetry: Pick<Telemetry, 'slackCall' | 'slackRetry'>,
  apiUrl: string,
  base: typeof fetch = globalThis.fetch,
): typeof fetch {
  const failed = new Set<string>();
  const keyOf = (method: string, init: RequestInit | undefined) => {
    const text = bodyText(init?.body);
    return text === undefined
      ? undefined
      : createHash('sha1').update(method).update('\n').update(text).digest('base64');
  };
  const remember = (key: string | undefined) => {
    if (key === undefined) return;
    failed.add(key);
    if (failed.size > MAX_PENDING) failed.delete(failed.values().next().value!);
  };
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    // response_url answers and file upload URLs are not Web API methods
    if (!url.startsWith(apiUrl)) return base(input, init);
    const method = url.slice(apiUrl.length).split(/[?#]/)[0] || 'unknown';
    const key = keyOf(method, init);
    if (key !== undefined && failed.delete(key)) telemetry.slackRetry(method);
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      telemetry.slackCall(method, 'network_error');
      remember(key);
      throw error;
    }
    const outcome: SlackCallOutcome =
      response.status === 200 ? 'ok' : response.status === 429 ? 'rate_limited' : 'http_error';
    telemetry.slackCall(method, outcome);
    if (outcome !== 'ok') remember(key);
    return response;
  };
}
