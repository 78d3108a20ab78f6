/**
 * The requests Slack itself would send to the Bolt app, built and signed for the local
 * workspace: slash commands (form-encoded), `block_actions` (form field `payload`) and
 * Events API callbacks (JSON). Signed exactly as Slack signs them
 * (v0=HMAC-SHA256(secret, "v0:<timestamp>:<raw body>")), so the Bolt app's ordinary
 * verification accepts them and nothing in it knows it is not talking to Slack.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const LOCAL_TEAM = { id: 'T0DEALFIT', domain: 'dealfit-local' } as const;
export const LOCAL_APP_ID = 'A0DEALFIT';

export interface SignedRequest {
  body: string;
  contentType: string;
}

export interface Actor {
  id: string;
  name: string;
}

export function signSlackRequest(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

const triggerId = () => `${Date.now()}.${randomBytes(6).toString('hex')}`;

export function slashCommandRequest(o: {
  command: string;
  text: string;
  user: Actor;
  channel: { id: string; name: string };
  responseUrl: string;
}): SignedRequest {
  const body = new URLSearchParams({
    token: 'local-verification-token',
    team_id: LOCAL_TEAM.id,
    team_domain: LOCAL_TEAM.domain,
    channel_id: o.channel.id,
    channel_name: o.channel.name,
    user_id: o.user.id,
    user_name: o.user.name,
    command: o.command,
    text: o.text,
    api_app_id: LOCAL_APP_ID,
    is_enterprise_install: 'false',
    response_url: o.responseUrl,
    trigger_id: triggerId(),
  }).toString();
  return { body, contentType: 'application/x-www-form-urlencoded' };
}

/** What the page reports about a clicked button or changed select (render-blocks.ts data). */
export interface ClickedElement {
  type: string;
  action_id: string;
  block_id?: string;
  value?: string;
  /** for a static_select: the chosen option */
  selected?: { value: string; text: string };
  text?: string;
}

export function blockActionsRequest(o: {
  user: Actor;
  channel: { id: string; name: string };
  /**
   * the message the click is on, as the Web API returns it (thread_ts on a reply or a
   * parent with replies); null for an ephemeral message (Slack sends none)
   */
  message: { ts: string; text: string; blocks?: unknown[]; [field: string]: unknown } | null;
  messageTs: string;
  /** the thread the clicked message is in: Slack names it in `container.thread_ts` */
  threadTs?: string;
  isEphemeral: boolean;
  element: ClickedElement;
  responseUrl: string;
  nowSeconds: number;
}): SignedRequest {
  const e = o.element;
  const action: Record<string, unknown> = {
    type: e.type,
    action_id: e.action_id,
    block_id: e.block_id,
    action_ts: `${o.nowSeconds}.000001`,
  };
  if (e.type === 'static_select') {
    action.selected_option = {
      text: { type: 'plain_text', text: e.selected?.text ?? '' },
      value: e.selected?.value ?? '',
    };
  } else {
    action.value = e.value;
    action.text = { type: 'plain_text', text: e.text ?? '' };
  }
  const payload = {
    type: 'block_actions',
    token: 'local-verification-token',
    api_app_id: LOCAL_APP_ID,
    team: LOCAL_TEAM,
    user: { id: o.user.id, username: o.user.name, name: o.user.name, team_id: LOCAL_TEAM.id },
    container: {
      type: 'message',
      message_ts: o.messageTs,
      channel_id: o.channel.id,
      is_ephemeral: o.isEphemeral,
      ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
    },
    channel: o.channel,
    ...(o.message
      ? { message: { type: 'message', ...o.message, blocks: o.message.blocks ?? [] } }
      : {}),
    response_url: o.responseUrl,
    trigger_id: triggerId(),
    actions: [action],
  };
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

/** A fresh Events API id, unique per delivery as Slack's `Ev…` ids are. */
export const newEventId = () => `Ev${randomBytes(8).toString('hex').toUpperCase()}`;

/**
 * An Events API `event_callback` as Slack wraps an event: the app's and team's ids, a
 * unique `event_id`, `event_time`, the installation the event is for (`authorizations`:
 * the bot user) and the opaque `event_context`.
 */
export function eventRequest(o: {
  event: Record<string, unknown>;
  nowSeconds: number;
  botUserId: string;
  eventId?: string;
}): SignedRequest & { eventId: string } {
  const eventId = o.eventId ?? newEventId();
  const body = JSON.stringify({
    token: 'local-verification-token',
    team_id: LOCAL_TEAM.id,
    context_team_id: LOCAL_TEAM.id,
    context_enterprise_id: null,
    api_app_id: LOCAL_APP_ID,
    event: o.event,
    type: 'event_callback',
    event_id: eventId,
    event_time: o.nowSeconds,
    authorizations: [
      {
        enterprise_id: null,
        team_id: LOCAL_TEAM.id,
        user_id: o.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ et: o.event.type, tid: LOCAL_TEAM.id, aid: LOCAL_APP_ID })).toString('base64url')}`,
  });
  return { body, contentType: 'application/json', eventId };
}

/** Posts a request to the Bolt receiver signed with `secret`; returns the HTTP status. */
export async function sendSigned(
  url: string,
  secret: string,
  request: SignedRequest,
  nowSeconds: number,
): Promise<{ status: number; body: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': request.contentType,
      'x-slack-request-timestamp': String(nowSeconds),
      'x-slack-signature': signSlackRequest(secret, nowSeconds, request.body),
    },
    body: request.body,
  });
  return { status: res.status, body: await res.text() };
}
