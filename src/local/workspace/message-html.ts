/**
 * One message of the local workspace as HTML: its author (a person, or dealfit with the
 * APP badge), time, Block Kit body, files, "view JSON", and under a top-level message the
 * thread link ("3 replies", or "Reply in thread"). The channel pane and the thread pane
 * draw messages with these same functions, so a button works the same in both.
 */
import { escapeHtml, type NameLookup } from './mrkdwn.js';
import { renderMessage } from './render-blocks.js';
import type { WorkspaceEphemeral, WorkspaceMessage, WorkspaceSlack } from './workspace-types.js';

export function names(slack: WorkspaceSlack): NameLookup {
  return {
    // the bot is no workspace user, but a mention of it reads @dealfit as in Slack
    user: (id) => (id === slack.bot.userId ? slack.bot.name : slack.users.get(id)?.name),
    channel: (id) => slack.channels.get(id)?.name,
  };
}

export function clock(at: number | undefined): string {
  return at ? new Date(at).toISOString().slice(11, 19) : '';
}

function fileHtml(slack: WorkspaceSlack, id: string): string {
  const file = slack.files.get(id);
  if (!file) return `<div class="unsupported">[file ${escapeHtml(id)}]</div>`;
  const title = file.title ?? file.filename;
  return `<figure class="file"><figcaption>${escapeHtml(title)}</figcaption><img src="/files/${encodeURIComponent(id)}" alt="${escapeHtml(file.altText ?? title)}"></figure>`;
}

export function jsonToggle(value: unknown): string {
  return `<details class="json"><summary>view JSON</summary><pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre></details>`;
}

/** Posted by the bot: a bot_id, the bot user, or (an in_channel response_url answer) no user. */
export function isBotMessage(slack: WorkspaceSlack, m: WorkspaceMessage): boolean {
  return Boolean(m.botId) || !m.user || m.user === slack.bot.userId;
}

function author(slack: WorkspaceSlack, m: WorkspaceMessage): string {
  if (isBotMessage(slack, m)) return '<strong>dealfit</strong> <span class="app">APP</span>';
  const user = m.user ?? '';
  return `<strong>${escapeHtml(slack.users.get(user)?.name ?? user)}</strong>`;
}

export interface MessageHtmlOptions {
  /** the link that opens the message's thread (absent inside the thread pane) */
  threadHref?: string;
}

function threadLink(slack: WorkspaceSlack, m: WorkspaceMessage, href: string): string {
  const thread = slack.threadSummary(m.channel, m.ts);
  const attrs = `href="${escapeHtml(href)}" data-open-thread="${escapeHtml(m.ts)}"`;
  if (!thread)
    return `<div class="thread-summary"><a class="thread-start" ${attrs}>Reply in thread</a></div>`;
  const n = thread.replyCount;
  // the emulator's ts runs on its own clock; the wall-clock time is the reply's `at`
  const last = slack.messages.find((r) => r.channel === m.channel && r.ts === thread.latestReply);
  const when = last?.at ? ` <span class="tag">last reply ${clock(last.at)}</span>` : '';
  return `<div class="thread-summary"><a class="thread-link" ${attrs}>${n} ${n === 1 ? 'reply' : 'replies'}</a>${when}</div>`;
}

export function messageHtml(
  slack: WorkspaceSlack,
  m: WorkspaceMessage,
  lookup: NameLookup,
  o: MessageHtmlOptions = {},
): string {
  const files = (m.files ?? []).map((id) => fileHtml(slack, id)).join('');
  const body = m.blocks?.length || m.text || !files ? renderMessage(m, lookup) : '';
  const edited = m.edited ? '<span class="tag">edited</span>' : '';
  const by = isBotMessage(slack, m) ? 'bot' : 'person';
  const thread = m.threadTs ? ` data-thread="${escapeHtml(m.threadTs)}"` : '';
  return `<article class="msg msg-${by}${m.threadTs ? ' reply' : ''}" data-channel="${escapeHtml(m.channel)}" data-ts="${escapeHtml(m.ts)}"${thread} data-ephemeral="0">
<div class="msg-meta">${author(slack, m)} <time>${clock(m.at)}</time> ${edited}</div>
<div class="msg-body">${body}${files}</div>
${o.threadHref && !m.threadTs ? threadLink(slack, m, o.threadHref) : ''}
${jsonToggle({ text: m.text, blocks: m.blocks ?? [], files: m.files ?? [] })}
</article>`;
}

export function ephemeralHtml(e: WorkspaceEphemeral, lookup: NameLookup): string {
  const thread = e.threadTs ? ` data-thread="${escapeHtml(e.threadTs)}"` : '';
  return `<article class="msg ephemeral" data-channel="${escapeHtml(e.channel)}" data-ts="${escapeHtml(e.ts ?? '')}"${thread} data-ephemeral="1">
<div class="msg-meta"><strong>dealfit</strong> <span class="app">APP</span> <time>${clock(e.at)}</time> <span class="tag">Only visible to you</span></div>
<div class="msg-body">${renderMessage(e, lookup)}</div>
${jsonToggle({ text: e.text, blocks: e.blocks ?? [] })}
</article>`;
}

type Entry =
  | { kind: 'message'; m: WorkspaceMessage; order: number }
  | { kind: 'ephemeral'; e: WorkspaceEphemeral; order: number };

/** Messages and the person's ephemerals merged in the order they arrived. */
export function timelineHtml(
  slack: WorkspaceSlack,
  messages: readonly WorkspaceMessage[],
  ephemerals: readonly WorkspaceEphemeral[],
  o: { threadHref?: (ts: string) => string; empty: string },
): string {
  const lookup = names(slack);
  const entries: Entry[] = [
    ...messages.map((m, i) => ({ kind: 'message' as const, m, order: m.at ?? i })),
    ...ephemerals.map((e, i) => ({ kind: 'ephemeral' as const, e, order: e.at ?? i })),
  ].sort((a, b) => a.order - b.order);
  if (entries.length === 0) return `<div class="empty">${escapeHtml(o.empty)}</div>`;
  return entries
    .map((x) =>
      x.kind === 'message'
        ? messageHtml(slack, x.m, lookup, o.threadHref ? { threadHref: o.threadHref(x.m.ts) } : {})
        : ephemeralHtml(x.e, lookup),
    )
    .join('\n');
}
