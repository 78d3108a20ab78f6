/**
 * Reading conversations back: conversations.history (a channel's top-level messages, newest
 * first) and conversations.replies (a thread, parent first), with the message objects
 * Slack returns: `thread_ts`, `reply_count`, `reply_users`, `latest_reply` on a parent,
 * `thread_ts` and `parent_user_id` on a reply, `bot_id` on what a bot posted. An app that
 * reads a thread's history to keep its context gets here what it would get from Slack.
 */
import { BOT } from './bot-identity.js';
// type-only: no import cycle at run time
import type { WebApiMethod } from './methods.js';
import type { EmulatedMessage, EmulatedWorkspace } from './state.js';

/** A stored message as the Web API returns it. */
export function slackMessage(ws: EmulatedWorkspace, m: EmulatedMessage): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'message', ts: m.ts, text: m.text };
  if (m.user) out.user = m.user;
  if (m.botId) out.bot_id = m.botId;
  if (m.blocks) out.blocks = m.blocks;
  if (m.files) out.files = m.files.map((id) => ({ id }));
  if (m.edited) out.edited = { user: m.user ?? BOT.userId, ts: m.ts };
  if (m.threadTs) {
    out.thread_ts = m.threadTs;
    const parent = ws.messages.find((p) => p.channel === m.channel && p.ts === m.threadTs);
    if (parent?.user) out.parent_user_id = parent.user;
    return out;
  }
  const thread = ws.threadSummary(m.channel, m.ts);
  if (thread) {
    Object.assign(out, {
      thread_ts: m.ts,
      reply_count: thread.replyCount,
      reply_users_count: thread.replyUsers.length,
      reply_users: thread.replyUsers,
      latest_reply: thread.latestReply,
    });
  }
  return out;
}

/** Slack's cursors are opaque base64; ours name the offset of the next page. */
const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');

function decodeCursor(cursor: unknown): number {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(String(cursor), 'base64').toString('utf8'));
  if (!match) throw new Error('invalid_cursor');
  return Number(match[1]);
}

function readLimit(value: unknown, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error('invalid_limit');
  return Math.min(n, 999);
}

/** oldest/latest/inclusive as Slack reads them: exclusive bounds unless inclusive is set. */
function inRange(p: Record<string, unknown>): (m: EmulatedMessage) => boolean {
  const inclusive = p.inclusive === true || p.inclusive === 'true' || p.inclusive === '1';
  const oldest = p.oldest === undefined || p.oldest === '' ? undefined : Number(p.oldest);
  const latest = p.latest === undefined || p.latest === '' ? undefined : Number(p.latest);
  return (m) => {
    const ts = Number(m.ts);
    if (oldest !== undefined && (inclusive ? ts < oldest : ts <= oldest)) return false;
    if (latest !== undefined && (inclusive ? ts > latest : ts >= latest)) return false;
    return true;
  };
}

/** One page of `messages`, with has_more and the next cursor as Slack pages them. */
function page(
  ws: EmulatedWorkspace,
  messages: EmulatedMessage[],
  p: Record<string, unknown>,
  fallbackLimit: number,
): Record<string, unknown> {
  const offset = decodeCursor(p.cursor);
  const limit = readLimit(p.limit, fallbackLimit);
  const slice = messages.slice(offset, offset + limit);
  const hasMore = offset + limit < messages.length;
  return {
    messages: slice.map((m) => slackMessage(ws, m)),
    has_more: hasMore,
    response_metadata: { next_cursor: hasMore ? encodeCursor(offset + limit) : '' },
  };
}

export function conversationMethods(ws: EmulatedWorkspace): Record<string, WebApiMethod> {
  return {
    'conversations.history': (p) => {
      const channel = ws.channelOf(p);
      const newestFirst = ws
        .topLevelIn(channel)
        .filter(inRange(p))
        .sort((a, b) => Number(b.ts) - Number(a.ts));
      return page(ws, newestFirst, p, 100);
    },
    'conversations.replies': (p) => {
      const channel = ws.channelOf(p);
      const ts = String(p.ts ?? '');
      if (!ts) throw new Error('invalid_arguments');
      const named = ws.messages.find((m) => m.channel === channel && m.ts === ts);
      if (!named) throw new Error('thread_not_found');
      // a reply's ts names its thread, as Slack reads it
      const parent = named.threadTs
        ? ws.messages.find((m) => m.channel === channel && m.ts === named.threadTs)
        : named;
      if (!parent) throw new Error('thread_not_found');
      const thread = [parent, ...ws.repliesTo(channel, parent.ts)].filter(inRange(p));
      return page(ws, thread, p, 1000);
    },
  };
}
