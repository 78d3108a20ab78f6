/**
 * The thread pane, on the right as in Slack: the parent message, its replies in order and
 * the person's ephemerals shown in the thread, drawn with the channel's message functions
 * so follow-up buttons work the same. The composer under it is part of the page shell
 * (page.ts), outside what a redraw replaces, so typing survives a live update.
 */

import { messageHtml, names, timelineHtml } from './message-html.js';
import { escapeHtml } from './mrkdwn.js';
import type { WorkspaceSlack } from './workspace-types.js';

export interface ThreadInput {
  slack: WorkspaceSlack;
  channel: string;
  /** the parent's ts */
  thread: string;
  /** the person the page acts as: their ephemerals in this thread are shown */
  as: string;
}

/** The thread's HTML, or '' when `thread` names no message of the channel. */
export function renderThread(input: ThreadInput): string {
  const { slack, channel, thread } = input;
  const parent = slack.messages.find((m) => m.channel === channel && m.ts === thread);
  if (!parent || parent.threadTs) return '';
  const replies = slack.messages
    .filter((m) => m.channel === channel && m.threadTs === thread)
    .sort((a, b) => Number(a.ts) - Number(b.ts));
  const ephemerals = slack.ephemerals.filter(
    (e) => e.channel === channel && e.user === input.as && e.threadTs === thread,
  );
  const n = replies.length;
  const where = slack.channels.get(channel);
  const place = where?.user ? 'dealfit' : `#${where?.name ?? channel}`;
  return `<h2 class="thread-title" data-thread-title="${escapeHtml(thread)}">Thread <span class="sub">${escapeHtml(place)}</span></h2>
<div class="thread-parent">${messageHtml(slack, parent, names(slack))}</div>
${n > 0 ? `<div class="thread-count">${n} ${n === 1 ? 'reply' : 'replies'}</div>` : ''}
<div class="messages thread-replies">${timelineHtml(slack, replies, ephemerals, { empty: 'No replies yet.' })}</div>`;
}
