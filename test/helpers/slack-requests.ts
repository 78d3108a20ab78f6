/**
 * Signed Slack requests for the real Bolt app: slash commands (form-encoded) and Events API
 * callbacks (JSON), signed as Slack does: v0=HMAC-SHA256(secret, "v0:ts:body").
 */
import { createHmac } from 'node:crypto';

export interface SignOptions {
  /** seconds since the epoch; default now */
  timestamp?: number;
  /** sign with this secret instead (a wrong one makes a bad signature) */
  secret?: string;
  /** Slack's retry headers: a redelivery of an event not acked in time */
  retry?: { num: number; reason: string };
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

async function post(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  o: SignOptions,
) {
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(o.secret ?? secret, timestamp, body),
      ...(o.retry
        ? { 'x-slack-retry-num': String(o.retry.num), 'x-slack-retry-reason': o.retry.reason }
        : {}),
    },
    body,
  });
}

export interface CommandFields {
  command: string;
  text: string;
  responseUrl: string;
  user?: string;
  channel?: string;
  /** Slack's id of this invocation; a retry carries the same one */
  triggerId?: string;
}

export function commandBody(f: CommandFields): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0DEALFIT',
    team_domain: 'dealfit-test',
    channel_id: f.channel ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: f.user ?? 'U0ALICE',
    user_name: 'alice',
    command: f.command,
    text: f.text,
    api_app_id: 'A0DEALFIT',
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: f.triggerId ?? '123.456.abc',
  }).toString();
}

export function postCommand(url: string, secret: string, f: CommandFields, o: SignOptions = {}) {
  return post(url, secret, commandBody(f), 'application/x-www-form-urlencoded', o);
}

export function postEvent(
  url: string,
  secret: string,
  event: Record<string, unknown>,
  o: SignOptions & { eventId?: string } = {},
) {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0DEALFIT',
    api_app_id: 'A0DEALFIT',
    type: 'event_callback',
    event_id: o.eventId ?? `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  return post(url, secret, body, 'application/json', o);
}
