/**
 * Server-rendered HTML of the local workspace: the sidebar (channels, DMs, App Home, Jobs),
 * the pane for the selected view, the thread pane beside it (thread-pane.ts), and the page
 * shell around them with the composers. Pure: state in, escaped HTML out. The small script
 * in assets/app.js swaps the sidebar and panes when the workspace changes and turns
 * clicks and the composers into signed Slack requests.
 */
import { jsonToggle, names, timelineHtml } from './message-html.js';
import { escapeHtml } from './mrkdwn.js';
import { renderMessage } from './render-blocks.js';
import { renderThread } from './thread-pane.js';
import type { Person, WorkspaceJob, WorkspaceSlack } from './workspace-types.js';

/** A channel view may have a thread open (its parent's ts) in the pane on the right. */
export type View =
  | { kind: 'channel'; channel: string; thread?: string }
  | { kind: 'home' }
  | { kind: 'jobs' };

export interface PageInput {
  slack: WorkspaceSlack;
  people: readonly Person[];
  /** the person the page acts as */
  as: Person;
  view: View;
  jobs: readonly WorkspaceJob[];
  commands: readonly string[];
}

const ROLE_LABEL: Record<Person['role'], string> = {
  cro: 'CRO',
  manager: 'manager',
  rep: 'rep',
};

export function viewHref(as: string, view: View): string {
  const q = new URLSearchParams({ as });
  if (view.kind === 'channel') {
    q.set('c', view.channel);
    if (view.thread) q.set('t', view.thread);
  } else q.set('view', view.kind);
  return `/?${q.toString()}`;
}

export function renderSidebar(input: PageInput): string {
  const { slack, as, view } = input;
  const current = view.kind === 'channel' ? view.channel : view.kind;
  const link = (target: View, label: string, key: string, extra = '') =>
    `<a class="nav-item${key === current ? ' active' : ''}" href="${escapeHtml(viewHref(as.id, target))}" data-nav="${escapeHtml(key)}">${label}${extra}</a>`;
  const count = (channel: string) => {
    // as Slack counts a channel: replies live in their threads
    const n = slack.messages.filter((m) => m.channel === channel && !m.threadTs).length;
    return n > 0 ? ` <span class="count">${n}</span>` : '';
  };
  const channels = [...slack.channels.values()].filter((c) => !c.user);
  const dms = [...slack.channels.values()].filter((c) => c.user);
  const mine = dms.filter((c) => c.user === as.id);
  const others = dms.filter((c) => c.user !== as.id);
  const dmLabel = (user: string) => escapeHtml(slack.users.get(user)?.name ?? user);
  return [
    '<div class="nav-title">Channels</div>',
    ...channels.map((c) =>
      link({ kind: 'channel', channel: c.id }, `# ${escapeHtml(c.name)}`, c.id, count(c.id)),
    ),
    '<div class="nav-title">Direct messages</div>',
    ...(mine.length > 0
      ? mine.map((c) =>
          link({ kind: 'channel', channel: c.id }, 'dealfit (your DM)', c.id, count(c.id)),
        )
      : ['<div class="nav-empty">no DM from dealfit yet</div>']),
    ...(others.length > 0
      ? [
          '<div class="nav-subtitle">Others\' DMs (visible here because this is a local view)</div>',
          ...others.map((c) =>
            link(
              { kind: 'channel', channel: c.id },
              `dealfit ↔ ${dmLabel(c.user!)}`,
              c.id,
              count(c.id),
            ),
          ),
        ]
      : []),
    '<div class="nav-title">Apps</div>',
    link({ kind: 'home' }, 'dealfit · Home', 'home'),
    link({ kind: 'jobs' }, 'Jobs', 'jobs'),
  ].join('\n');
}

function channelPane(input: PageInput, channel: string): string {
  const { slack, as } = input;
  const info = slack.channels.get(channel);
  if (!info) return '<div class="empty">No such channel.</div>';
  const title = info.user
    ? `dealfit ↔ ${escapeHtml(slack.users.get(info.user)?.name ?? info.user)}`
    : `# ${escapeHtml(info.name)}`;
  // replies are in their thread, reached from "N replies" under the parent, as in Slack
  const list = timelineHtml(
    slack,
    slack.messages.filter((m) => m.channel === channel && !m.threadTs),
    slack.ephemerals.filter((e) => e.channel === channel && e.user === as.id && !e.threadTs),
    {
      empty: 'No messages yet.',
      threadHref: (ts) => viewHref(as.id, { kind: 'channel', channel, thread: ts }),
    },
  );
  return `<h1 class="pane-title" data-channel-title="${escapeHtml(channel)}">${title}</h1><div class="messages">${list}</div>`;
}

/** The open thread's pane, or '' when none is open (or it names no message). */
export function renderThreadPane(input: PageInput): string {
  const { view } = input;
  if (view.kind !== 'channel' || !view.thread) return '';
  return renderThread({
    slack: input.slack,
    channel: view.channel,
    thread: view.thread,
    as: input.as.id,
  });
}

function homePane(input: PageInput): string {
  const view = input.slack.homeViews.get(input.as.id) as { blocks?: unknown[] } | undefined;
  const body = view
    ? `<div class="msg home-view" data-ephemeral="1" data-ts="" data-channel="">${renderMessage({ blocks: view.blocks ?? [] }, names(input.slack))}${jsonToggle(view)}</div>`
    : '<div class="empty">Opening the Home tab (app_home_opened sent)…</div>';
  return `<h1 class="pane-title">dealfit · Home <span class="sub">as ${escapeHtml(input.as.name)}</span></h1>${body}`;
}

function jobsPane(input: PageInput): string {
  const rows = input.jobs
    .map((j) => {
      const last = j.lastRun
        ? `<span class="status status-${escapeHtml(j.lastRun.status)}">${escapeHtml(j.lastRun.status)}</span> ${escapeHtml(j.lastRun.startedAt.slice(0, 19).replace('T', ' '))}${j.lastRun.detail ? `<div class="detail">${escapeHtml(j.lastRun.detail)}</div>` : ''}${j.lastRun.error ? `<div class="detail error">${escapeHtml(j.lastRun.error)}</div>` : ''}`
        : '<span class="status">never run</span>';
      const to = j.destinations?.length
        ? `<div class="detail destinations">to ${escapeHtml(j.destinations.join(', '))}</div>`
        : '';
      return `<tr data-job="${escapeHtml(j.name)}"><td><strong>${escapeHtml(j.name)}</strong><div class="detail">${escapeHtml(j.description)}</div>${to}</td><td><code>${escapeHtml(j.cron)}</code></td><td class="next-run">${j.nextRunLocal ? escapeHtml(j.nextRunLocal) : '—'}</td><td class="last-run">${last}</td><td><button type="button" class="btn btn-primary" data-run-job="${escapeHtml(j.name)}">Run now</button></td></tr>`;
    })
    .join('\n');
  return `<h1 class="pane-title">Jobs <span class="sub">the scheduler's jobs; each next run in its own zone (a channel's digest and audit follow its zone, a person's digest DM their Slack zone)</span></h1>
<table class="jobs"><thead><tr><th>Job</th><th>Schedule</th><th>Next run</th><th>Last run</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderPane(input: PageInput): string {
  switch (input.view.kind) {
    case 'channel':
      return channelPane(input, input.view.channel);
    case 'home':
      return homePane(input);
    case 'jobs':
      return jobsPane(input);
  }
}

const QUESTION_HINTS = [
  'how are we doing in APAC?',
  'win rate by industry',
  'why is Inbound down?',
  'RED deals in SaaS over $40k',
];
const COMMAND_HINTS = [
  '/winrate industry',
  '/winrate region all',
  '/rsfs D00042',
  '/audit 2024-01',
];

function composerHtml(o: {
  id: string;
  label: string;
  placeholder: string;
  hints: readonly string[];
}): string {
  const hints = o.hints.map((h) => `<option value="${escapeHtml(h)}">`).join('');
  return `<form id="${o.id}" class="composer" autocomplete="off"><label for="${o.id}-input" class="visually-hidden">${escapeHtml(o.label)}</label><input id="${o.id}-input" name="text" placeholder="${escapeHtml(o.placeholder)}" list="${o.id}-hints"><button type="submit" class="btn btn-primary">Send</button><datalist id="${o.id}-hints">${hints}</datalist><div id="${o.id}-status" class="composer-status" role="status"></div></form>`;
}

/** The channel's composer: plain words (with @dealfit in a channel) or a slash command. */
function channelComposer(input: PageInput, channel: string): string {
  const info = input.slack.channels.get(channel);
  const commands = input.commands.join(', ');
  if (info?.user) {
    return composerHtml({
      id: 'composer',
      label: 'Message dealfit',
      placeholder: `Ask in plain words, e.g. how are we doing in APAC? (or ${commands})`,
      hints: [...QUESTION_HINTS, ...COMMAND_HINTS],
    });
  }
  const name = info?.name ?? channel;
  return composerHtml({
    id: 'composer',
    label: `Message #${name}`,
    placeholder: `Message #${name}: type @dealfit how are we doing in APAC? (or ${commands})`,
    hints: [...QUESTION_HINTS.map((q) => `@dealfit ${q}`), ...COMMAND_HINTS],
  });
}

/** The thread pane with its own composer; hidden until a thread is open. */
function threadAside(input: PageInput, channel: string): string {
  const thread = renderThreadPane(input);
  const close = viewHref(input.as.id, { kind: 'channel', channel });
  return `<aside id="thread" class="thread" aria-label="Thread"${thread ? '' : ' hidden'}>
<div class="thread-head"><a class="thread-close" href="${escapeHtml(close)}" data-close-thread>Close thread</a></div>
<section id="thread-pane" class="thread-pane">${thread}</section>
${composerHtml({ id: 'thread-composer', label: 'Reply in thread', placeholder: 'Reply in thread, e.g. and in SaaS? or by region', hints: ['and in SaaS?', 'by region', 'why?', 'only over $20k'] })}
</aside>`;
}

export function renderPage(input: PageInput): string {
  const options = input.people
    .map(
      (p) =>
        `<option value="${escapeHtml(p.id)}"${p.id === input.as.id ? ' selected' : ''}>${escapeHtml(p.name)} (${ROLE_LABEL[p.role]}${p.note ? `, ${escapeHtml(p.note)}` : ''})</option>`,
    )
    .join('');
  const { view } = input;
  const composer =
    view.kind === 'channel'
      ? channelComposer(input, view.channel)
      : view.kind === 'jobs'
        ? // outside the pane, so the periodic redraw of the table does not wipe it
          '<div id="job-result" class="job-result composer"></div>'
        : '';
  const aside = view.kind === 'channel' ? threadAside(input, view.channel) : '';
  const channel = view.kind === 'channel' ? view.channel : '';
  const thread = view.kind === 'channel' ? (view.thread ?? '') : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dealfit local workspace</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/app.css"></head>
<body data-as="${escapeHtml(input.as.id)}" data-view="${escapeHtml(view.kind)}" data-channel="${escapeHtml(channel)}" data-thread="${escapeHtml(thread)}">
<header class="top"><span class="brand">dealfit</span> <span class="sub">local workspace · no Slack needed</span>
<label class="act-as">Act as <select id="act-as">${options}</select></label></header>
<div class="layout"><nav id="sidebar" class="sidebar">${renderSidebar(input)}</nav>
<main class="main"><section id="pane" class="pane">${renderPane(input)}</section>${composer}</main>${aside}</div>
<script src="/assets/app.js" defer></script></body></html>`;
}
