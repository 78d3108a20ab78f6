/**
 * Server-rendered HTML of the local workspace: the sidebar (channels, DMs, App Home, Jobs),
 * the pane for the selected view, and the page shell around them. Pure: state in, escaped
 * HTML out. The small script in assets/app.js swaps the sidebar and pane when the
 * workspace changes and turns clicks and the composer into signed Slack requests.
 */
import { escapeHtml, type NameLookup } from './mrkdwn.js';
import { renderMessage } from './render-blocks.js';
import type {
  Person,
  WorkspaceEphemeral,
  WorkspaceJob,
  WorkspaceMessage,
  WorkspaceSlack,
} from './workspace-types.js';

export type View = { kind: 'channel'; channel: string } | { kind: 'home' } | { kind: 'jobs' };

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

function names(slack: WorkspaceSlack): NameLookup {
  return {
    user: (id) => slack.users.get(id)?.name,
    channel: (id) => slack.channels.get(id)?.name,
  };
}

export function viewHref(as: string, view: View): string {
  const q = new URLSearchParams({ as });
  if (view.kind === 'channel') q.set('c', view.channel);
  else q.set('view', view.kind);
  return `/?${q.toString()}`;
}

function clock(at: number | undefined): string {
  return at ? new Date(at).toISOString().slice(11, 19) : '';
}

export function renderSidebar(input: PageInput): string {
  const { slack, as, view } = input;
  const current = view.kind === 'channel' ? view.channel : view.kind;
  const link = (target: View, label: string, key: string, extra = '') =>
    `<a class="nav-item${key === current ? ' active' : ''}" href="${escapeHtml(viewHref(as.id, target))}" data-nav="${escapeHtml(key)}">${label}${extra}</a>`;
  const count = (channel: string) => {
    const n = slack.messages.filter((m) => m.channel === channel).length;
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

function fileHtml(slack: WorkspaceSlack, id: string): string {
  const file = slack.files.get(id);
  if (!file) return `<div class="unsupported">[file ${escapeHtml(id)}]</div>`;
  const title = file.title ?? file.filename;
  return `<figure class="file"><figcaption>${escapeHtml(title)}</figcaption><img src="/files/${encodeURIComponent(id)}" alt="${escapeHtml(file.altText ?? title)}"></figure>`;
}

function jsonToggle(value: unknown): string {
  return `<details class="json"><summary>view JSON</summary><pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre></details>`;
}

type Entry =
  | { kind: 'message'; m: WorkspaceMessage; order: number }
  | { kind: 'ephemeral'; e: WorkspaceEphemeral; order: number };

function messageHtml(slack: WorkspaceSlack, m: WorkspaceMessage, lookup: NameLookup): string {
  const files = (m.files ?? []).map((id) => fileHtml(slack, id)).join('');
  const body = m.blocks?.length || m.text || !files ? renderMessage(m, lookup) : '';
  const thread = m.threadTs ? '<span class="tag">reply in thread</span>' : '';
  const edited = m.edited ? '<span class="tag">edited</span>' : '';
  return `<article class="msg${m.threadTs ? ' reply' : ''}" data-channel="${escapeHtml(m.channel)}" data-ts="${escapeHtml(m.ts)}" data-ephemeral="0">
<div class="msg-meta"><strong>dealfit</strong> <span class="app">APP</span> <time>${clock(m.at)}</time> ${thread}${edited}</div>
<div class="msg-body">${body}${files}</div>
${jsonToggle({ text: m.text, blocks: m.blocks ?? [], files: m.files ?? [] })}
</article>`;
}

function ephemeralHtml(e: WorkspaceEphemeral, lookup: NameLookup): string {
  return `<article class="msg ephemeral" data-channel="${escapeHtml(e.channel)}" data-ts="${escapeHtml(e.ts ?? '')}" data-ephemeral="1">
<div class="msg-meta"><strong>dealfit</strong> <span class="app">APP</span> <time>${clock(e.at)}</time> <span class="tag">Only visible to you</span></div>
<div class="msg-body">${renderMessage(e, lookup)}</div>
${jsonToggle({ text: e.text, blocks: e.blocks ?? [] })}
</article>`;
}

function channelPane(input: PageInput, channel: string): string {
  const { slack, as } = input;
  const info = slack.channels.get(channel);
  if (!info) return '<div class="empty">No such channel.</div>';
  const lookup = names(slack);
  const entries: Entry[] = [
    ...slack.messages
      .filter((m) => m.channel === channel)
      .map((m, i) => ({ kind: 'message' as const, m, order: m.at ?? i })),
    ...slack.ephemerals
      .filter((e) => e.channel === channel && e.user === as.id)
      .map((e, i) => ({ kind: 'ephemeral' as const, e, order: e.at ?? i })),
  ].sort((a, b) => a.order - b.order);
  const title = info.user
    ? `dealfit ↔ ${escapeHtml(slack.users.get(info.user)?.name ?? info.user)}`
    : `# ${escapeHtml(info.name)}`;
  const list =
    entries.length === 0
      ? '<div class="empty">No messages yet.</div>'
      : entries
          .map((x) =>
            x.kind === 'message' ? messageHtml(slack, x.m, lookup) : ephemeralHtml(x.e, lookup),
          )
          .join('\n');
  return `<h1 class="pane-title" data-channel-title="${escapeHtml(channel)}">${title}</h1><div class="messages">${list}</div>`;
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
      return `<tr data-job="${escapeHtml(j.name)}"><td><strong>${escapeHtml(j.name)}</strong><div class="detail">${escapeHtml(j.description)}</div></td><td><code>${escapeHtml(j.cron)}</code></td><td>${j.nextRun ? escapeHtml(j.nextRun.slice(0, 16).replace('T', ' ')) : '—'}</td><td class="last-run">${last}</td><td><button type="button" class="btn btn-primary" data-run-job="${escapeHtml(j.name)}">Run now</button></td></tr>`;
    })
    .join('\n');
  return `<h1 class="pane-title">Jobs <span class="sub">the scheduler's jobs; times in the scheduler's timezone</span></h1>
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

export function renderPage(input: PageInput): string {
  const options = input.people
    .map(
      (p) =>
        `<option value="${escapeHtml(p.id)}"${p.id === input.as.id ? ' selected' : ''}>${escapeHtml(p.name)} (${ROLE_LABEL[p.role]}${p.note ? `, ${escapeHtml(p.note)}` : ''})</option>`,
    )
    .join('');
  const composer =
    input.view.kind === 'channel'
      ? `<form id="composer" class="composer" autocomplete="off"><input id="composer-input" name="text" placeholder="Type ${escapeHtml(input.commands.join(', '))} … e.g. /winrate industry" list="command-hints"><button type="submit" class="btn btn-primary">Send</button><datalist id="command-hints"><option value="/winrate industry"><option value="/winrate region all"><option value="/rsfs D00042"><option value="/audit 2024-01"><option value="/winrate help"></datalist><div id="composer-status" class="composer-status"></div></form>`
      : input.view.kind === 'jobs'
        ? // outside the pane, so the periodic redraw of the table does not wipe it
          '<div id="job-result" class="job-result composer"></div>'
        : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dealfit local workspace</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/app.css"></head>
<body data-as="${escapeHtml(input.as.id)}" data-view="${escapeHtml(input.view.kind)}" data-channel="${input.view.kind === 'channel' ? escapeHtml(input.view.channel) : ''}">
<header class="top"><span class="brand">dealfit</span> <span class="sub">local workspace · no Slack needed</span>
<label class="act-as">Act as <select id="act-as">${options}</select></label></header>
<div class="layout"><nav id="sidebar" class="sidebar">${renderSidebar(input)}</nav>
<main class="main"><section id="pane" class="pane">${renderPane(input)}</section>${composer}</main></div>
<script src="/assets/app.js" defer></script></body></html>`;
}
