/**
 * What Slack makes of a message a person types: the text as Slack stores it (`&`, `<`, `>`
 * escaped; a typed `@name` of a member becomes `<@U…>`, as Slack's composer does), and the
 * Events API events the app receives for it. Pure: the server stores the message and sends
 * the events signed (slack-requests.ts).
 *
 * Slack sends, for a bot subscribed to `app_mention`, `message.im`, `message.channels` and
 * `message.groups` and a member of the channel:
 * - a DM to the bot: one `message` event, `channel_type: 'im'`;
 * - a channel message that mentions the bot: an `app_mention` event and a `message` event
 *   (`channel_type: 'channel'`, or `'group'` in a private channel);
 * - any other channel message, top level or in a thread: the `message` event only.
 */
import { randomUUID } from 'node:crypto';

export interface Member {
  id: string;
  name: string;
}

export type ChannelType = 'im' | 'channel' | 'group';

/** Slack's channel id prefixes: D… a DM, G… a private channel, C… a public one. */
export function channelTypeOf(channel: string): ChannelType {
  if (channel.startsWith('D')) return 'im';
  if (channel.startsWith('G')) return 'group';
  return 'channel';
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text Slack stores for what was typed: control characters escaped as Slack escapes
 * them, and `@name` of a member (the bot's `@dealfit` included) as a `<@U…>` mention.
 * Names are matched longest first and case-insensitively, whole words only, so
 * `@dealfitness` stays text and `@Chris Ortega` beats `@Chris`.
 */
export function encodeTypedText(typed: string, members: readonly Member[]): string {
  const escaped = typed.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const byLength = [...members].filter((m) => m.name).sort((a, b) => b.name.length - a.name.length);
  if (byLength.length === 0) return escaped;
  const names = byLength.map((m) => escapeRegExp(m.name)).join('|');
  const pattern = new RegExp(`(^|[^\\w@])@(${names})(?![\\w-])`, 'gi');
  return escaped.replace(pattern, (_whole, before: string, name: string) => {
    const member = byLength.find((m) => m.name.toLowerCase() === name.toLowerCase());
    return `${before}<@${member?.id ?? name}>`;
  });
}

// rich_text carries the characters themselves, not mrkdwn's escapes
const decodeEntities = (s: string) =>
  s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** Slack's rich_text block for a typed message: text runs and user mentions. */
export function richTextBlocks(text: string): unknown[] {
  const elements: unknown[] = [];
  let last = 0;
  for (const match of text.matchAll(/<@([UW][A-Z0-9]+)>/g)) {
    if (match.index > last)
      elements.push({ type: 'text', text: decodeEntities(text.slice(last, match.index)) });
    elements.push({ type: 'user', user_id: match[1] });
    last = match.index + match[0].length;
  }
  if (last < text.length) elements.push({ type: 'text', text: decodeEntities(text.slice(last)) });
  return [
    {
      type: 'rich_text',
      block_id: randomUUID().slice(0, 5),
      elements: [{ type: 'rich_text_section', elements }],
    },
  ];
}

export interface TypedMessage {
  channel: string;
  user: string;
  /** as Slack stores it (encodeTypedText) */
  text: string;
  ts: string;
  /** the parent's ts when typed in a thread */
  threadTs?: string;
  /** the author of the thread's parent, which Slack names on a reply */
  parentUser?: string;
}

/** The events Slack delivers to the bot for `m`, in the order the server sends them. */
export function eventsForTypedMessage(
  m: TypedMessage,
  o: { botUserId: string; teamId: string },
): Array<Record<string, unknown>> {
  const channelType = channelTypeOf(m.channel);
  const common = {
    user: m.user,
    text: m.text,
    ts: m.ts,
    event_ts: m.ts,
    channel: m.channel,
    team: o.teamId,
    client_msg_id: randomUUID(),
    blocks: richTextBlocks(m.text),
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(m.threadTs && m.parentUser ? { parent_user_id: m.parentUser } : {}),
  };
  const message = { type: 'message', ...common, channel_type: channelType };
  // Slack sends no app_mention for a DM: the message.im event is the question.
  const mentioned = channelType !== 'im' && m.text.includes(`<@${o.botUserId}>`);
  return mentioned ? [{ type: 'app_mention', ...common }, message] : [message];
}
