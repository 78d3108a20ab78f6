/**
 * The Web API methods the emulator answers, one handler each, and the response_url
 * receiver Bolt's respond() posts to. A handler gets the parsed parameters, changes the
 * workspace and returns the fields of Slack's `{ ok: true, … }` answer; it throws Slack's
 * error code (e.g. `channel_not_found`) to answer `{ ok: false, error }`.
 */
import { BOT } from './bot-identity.js';
import { conversationMethods, slackMessage } from './conversation-methods.js';
import type { EmulatedMessage, EmulatedWorkspace } from './state.js';

export { BOT };

/** Web API methods that change the workspace (the change feed fires after them). */
export const MUTATING_METHODS: ReadonlySet<string> = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'conversations.open',
  'views.publish',
  'files.completeUploadExternal',
]);

export type WebApiMethod = (p: Record<string, unknown>) => Record<string, unknown>;

/**
 * The scope Slack wants for a method (Slack answers `missing_scope` without it). Only the
 * methods dealfit calls; reading a public channel's info needs channels:read, a private
 * one's groups:read.
 */
export function scopeFor(
  ws: EmulatedWorkspace,
  method: string,
  p: Record<string, unknown>,
): string | undefined {
  if (method === 'conversations.info') {
    const channel = ws.channels.get(String(p.channel ?? ''));
    if (channel?.user) return undefined;
    return channel?.isPrivate || String(p.channel ?? '').startsWith('G')
      ? 'groups:read'
      : 'channels:read';
  }
  return METHOD_SCOPES[method];
}

const METHOD_SCOPES: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'conversations.open': 'im:write',
  'users.info': 'users:read',
  'users.list': 'users:read',
  'usergroups.users.list': 'usergroups:read',
};

/** The URLs a method answers with; the server knows them once it listens. */
export interface EmulatorUrls {
  base: string;
  upload(fileId: string): string;
}

export function webApiMethods(
  ws: EmulatedWorkspace,
  urls: () => EmulatorUrls,
): Record<string, WebApiMethod> {
  return {
    'auth.test': () => ({
      url: urls().base,
      team: 'dealfit test',
      user: BOT.name,
      team_id: BOT.teamId,
      user_id: BOT.userId,
      bot_id: BOT.botId,
    }),
    'chat.postMessage': (p) => {
      const channel = ws.channelOf(p);
      // without chat:write.public a bot posts only where it was invited
      if (!ws.botIsMember(channel)) throw new Error('not_in_channel');
      if (!p.text && !p.blocks) throw new Error('no_text');
      const message: EmulatedMessage = {
        channel,
        ts: ws.nextTs(),
        text: String(p.text ?? ''),
        blocks: p.blocks as unknown[] | undefined,
        threadTs: ws.threadParentOf(channel, p.thread_ts as string | undefined),
        user: BOT.userId,
        botId: BOT.botId,
        at: Date.now(),
      };
      ws.messages.push(message);
      return { channel, ts: message.ts, message: slackMessage(ws, message) };
    },
    'chat.update': (p) => {
      const channel = ws.channelOf(p);
      const message = ws.messages.find((m) => m.channel === channel && m.ts === p.ts);
      if (!message) throw new Error('message_not_found');
      message.text = String(p.text ?? message.text);
      if (p.blocks) message.blocks = p.blocks as unknown[];
      message.edited = true;
      return { channel, ts: message.ts, text: message.text };
    },
    'chat.postEphemeral': (p) => {
      const channel = ws.channelOf(p);
      const user = String(p.user ?? '');
      if (!ws.users.has(user)) throw new Error('user_not_found');
      const ts = ws.nextTs();
      const threadTs = ws.threadParentOf(channel, p.thread_ts as string | undefined);
      ws.ephemerals.push({
        channel,
        user,
        ts,
        ...(threadTs ? { threadTs } : {}),
        at: Date.now(),
        text: String(p.text ?? ''),
        blocks: p.blocks as unknown[] | undefined,
      });
      return { message_ts: ts };
    },
    'conversations.info': (p) => {
      const id = String(p.channel ?? '');
      const c = ws.channels.get(id);
      // a private channel the bot is not in does not exist as far as the bot can tell
      if (!c || (c.isPrivate && !ws.botIsMember(id))) throw new Error('channel_not_found');
      return {
        channel: {
          id: c.id,
          ...(c.user ? { is_im: true, user: c.user } : { name: c.name, is_channel: !c.isPrivate }),
          is_private: c.isPrivate === true,
          is_archived: false,
          is_member: ws.botIsMember(id),
        },
      };
    },
    'conversations.open': (p) => {
      const users = String(p.users ?? '')
        .split(',')
        .filter(Boolean);
      if (users.length !== 1 || !ws.users.has(users[0]!)) throw new Error('user_not_found');
      return { channel: { id: ws.dmWith(users[0]!) } };
    },
    'views.publish': (p) => {
      const user = String(p.user_id ?? '');
      if (!ws.users.has(user)) throw new Error('user_not_found');
      const view = p.view as { type?: string } | undefined;
      if (view?.type !== 'home') throw new Error('invalid_arguments');
      ws.homeViews.set(user, view);
      return { view: { id: `V${ws.nextSeq()}`, ...view } };
    },
    'files.getUploadURLExternal': (p) => {
      const length = Number(p.length);
      if (!p.filename || !Number.isFinite(length) || length <= 0)
        throw new Error('invalid_arguments');
      const id = `F${ws.nextSeq()}`;
      ws.files.set(id, {
        id,
        filename: String(p.filename),
        length,
        altText: p.alt_text as string | undefined,
      });
      return { upload_url: urls().upload(id), file_id: id };
    },
    'files.completeUploadExternal': (p) => {
      const list = (p.files as Array<{ id: string; title?: string }> | undefined) ?? [];
      const channel = p.channel_id ? ws.channelOf(p, 'channel_id') : undefined;
      const done = list.map(({ id, title }) => {
        const file = ws.files.get(id);
        if (!file?.bytes) throw new Error('file_not_found');
        Object.assign(file, { title, channel, threadTs: p.thread_ts as string | undefined });
        return { id, title, name: file.filename, size: file.bytes.length };
      });
      if (channel) {
        ws.messages.push({
          channel,
          ts: ws.nextTs(),
          text: String(p.initial_comment ?? ''),
          threadTs: ws.threadParentOf(channel, p.thread_ts as string | undefined),
          files: done.map((f) => f.id),
          user: BOT.userId,
          botId: BOT.botId,
          at: Date.now(),
        });
      }
      return { files: done };
    },
    ...conversationMethods(ws),
    'users.info': (p) => {
      const user = ws.users.get(String(p.user ?? ''));
      if (!user) throw new Error('user_not_found');
      return {
        user: { id: user.id, name: user.name, real_name: user.name, tz: user.tz, is_bot: false },
      };
    },
    'usergroups.users.list': (p) => {
      const members = ws.userGroup(String(p.usergroup ?? ''));
      if (!members) throw new Error('no_such_subteam');
      return { users: members };
    },
    'users.list': () => ({
      members: [...ws.users.values()].map((u) => ({
        id: u.id,
        name: u.name,
        real_name: u.name,
        tz: u.tz,
        is_bot: false,
      })),
    }),
  };
}

/** Where a response_url answer lands: the command's channel and user, or a clicked message. */
export interface ResponseTarget {
  channel: string;
  user: string;
  messageTs?: string;
  /** the thread the command or click was in: its answers are shown there */
  threadTs?: string;
}

/**
 * An answer posted to a response_url, applied as Slack does: `delete_original` and
 * `replace_original` act on the clicked message, `in_channel` posts a message, anything
 * else is an ephemeral for the user.
 */
export function answerResponseUrl(
  ws: EmulatedWorkspace,
  target: ResponseTarget,
  body: Record<string, unknown>,
): void {
  const text = String(body.text ?? '');
  const blocks = body.blocks as unknown[] | undefined;
  const original = target.messageTs
    ? ws.messages.find((m) => m.channel === target.channel && m.ts === target.messageTs)
    : undefined;
  if (original && body.delete_original === true) {
    ws.messages.splice(ws.messages.indexOf(original), 1);
  } else if (original && body.replace_original === true) {
    original.text = text || original.text;
    if (blocks) original.blocks = blocks;
    original.edited = true;
  } else if (body.response_type === 'in_channel') {
    ws.messages.push({
      channel: target.channel,
      ts: ws.nextTs(),
      ...(target.threadTs ? { threadTs: target.threadTs } : {}),
      at: Date.now(),
      text,
      blocks,
      user: BOT.userId,
      botId: BOT.botId,
      viaResponseUrl: true,
    });
  } else {
    ws.ephemerals.push({
      channel: target.channel,
      user: target.user,
      ts: ws.nextTs(),
      ...(target.threadTs ? { threadTs: target.threadTs } : {}),
      at: Date.now(),
      text,
      blocks,
      viaResponseUrl: true,
    });
  }
}
