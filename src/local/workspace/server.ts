/**
 * The local workspace's HTTP server (127.0.0.1 only): the page, its script and styles,
 * uploaded files, a server-sent-events feed that fires when the workspace changes, and the
 * endpoints the page calls. Those endpoints do what Slack would: they turn a typed slash
 * command, a typed message (stored as the person's, then delivered as Slack's Events API
 * events), a click or opening the Home tab into a signed request to the Bolt app's
 * receiver, with a response_url on the emulator; the Jobs endpoint runs a scheduler job.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { encodeTypedText, eventsForTypedMessage } from './message-events.js';
import { renderPage, renderPane, renderSidebar, renderThreadPane, type View } from './page.js';
import {
  blockActionsRequest,
  type ClickedElement,
  eventRequest,
  type SignedRequest,
  sendSigned,
  slashCommandRequest,
} from './slack-requests.js';
import type { Person, WorkspaceJobs, WorkspaceMessage, WorkspaceSlack } from './workspace-types.js';

export interface LocalWorkspaceOptions {
  slack: WorkspaceSlack;
  /** the Bolt receiver's events URL, e.g. http://127.0.0.1:43123/slack/events */
  boltUrl: string;
  signingSecret: string;
  jobs: WorkspaceJobs;
  people: readonly Person[];
  /** slash commands the Bolt app listens to, e.g. ['/winrate', '/rsfs', '/audit'] */
  commands: readonly string[];
  /** the channel a fresh page opens on */
  defaultChannel: string;
  port: number;
  host?: string;
  now: () => Date;
}

export interface RunningLocalWorkspace {
  url: string;
  port: number;
  close(): Promise<void>;
}

const ASSETS = resolve(import.meta.dirname, 'assets');
const ASSET_TYPES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  // JSON only: a cross-site form cannot send it without a CORS preflight we never allow.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new HttpError(415, 'send application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64_000) throw new HttpError(413, 'request too large');
    chunks.push(chunk as Buffer);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
    if (!value || typeof value !== 'object') throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new HttpError(400, `bad JSON: ${(error as Error).message}`);
  }
}

const str = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value === '') throw new HttpError(400, `${name} is required`);
  return value;
};

export async function startLocalWorkspace(
  o: LocalWorkspaceOptions,
): Promise<RunningLocalWorkspace> {
  const host = o.host ?? '127.0.0.1';
  const people = new Map(o.people.map((p) => [p.id, p]));
  const defaultPerson = o.people[0];
  if (!defaultPerson) throw new Error('the local workspace needs at least one person');
  const sse = new Set<ServerResponse>();
  let port = o.port;

  const person = (id: unknown): Person => {
    const p = typeof id === 'string' ? people.get(id) : undefined;
    if (!p) throw new HttpError(400, `unknown person ${String(id)}`);
    return p;
  };
  const channel = (id: unknown) => {
    const c = typeof id === 'string' ? o.slack.channels.get(id) : undefined;
    if (!c) throw new HttpError(400, `unknown channel ${String(id)}`);
    return { id: c.id, name: c.name };
  };
  const seconds = () => Math.floor(o.now().getTime() / 1000);
  const toBolt = async (request: SignedRequest) => {
    const answer = await sendSigned(o.boltUrl, o.signingSecret, request, seconds());
    if (answer.status >= 400) {
      throw new HttpError(502, `the Bolt app answered ${answer.status}: ${answer.body}`);
    }
    return answer;
  };

  const toBoltEvent = (event: Record<string, unknown>) => {
    const request = eventRequest({ event, nowSeconds: seconds(), botUserId: o.slack.bot.userId });
    return toBolt(request).then((answer) => ({ ...answer, eventId: request.eventId }));
  };
  /** A message as the Web API returns it, for a click's `message` field. */
  const asSlackMessage = (m: WorkspaceMessage) => {
    const thread = m.threadTs ? undefined : o.slack.threadSummary(m.channel, m.ts);
    return {
      ts: m.ts,
      text: m.text,
      ...(m.user ? { user: m.user } : {}),
      ...(m.botId ? { bot_id: m.botId } : {}),
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
      ...(thread
        ? {
            thread_ts: m.ts,
            reply_count: thread.replyCount,
            reply_users: thread.replyUsers,
            latest_reply: thread.latestReply,
          }
        : {}),
    };
  };
  const threadOf = (value: unknown): string | undefined =>
    typeof value === 'string' && /^\d+\.\d+$/.test(value) ? value : undefined;

  const viewOf = (url: URL): View => {
    const v = url.searchParams.get('view');
    if (v === 'home' || v === 'jobs') return { kind: v };
    const c = url.searchParams.get('c');
    const channel = c && o.slack.channels.has(c) ? c : o.defaultChannel;
    const thread = threadOf(url.searchParams.get('t'));
    return { kind: 'channel', channel, ...(thread && channel === c ? { thread } : {}) };
  };
  const pageInput = (url: URL) => {
    const as = people.get(url.searchParams.get('as') ?? '') ?? defaultPerson;
    // Slack lists the app under Direct messages before it ever wrote: a person can ask first
    o.slack.dmWith(as.id);
    return {
      slack: o.slack,
      people: o.people,
      as,
      view: viewOf(url),
      jobs: o.jobs.list(),
      commands: o.commands,
    };
  };

  const routes = {
    command: async (body: Record<string, unknown>) => {
      const user = person(body.as);
      const where = channel(body.channel);
      const text = str(body.text, 'text').trim();
      const match = /^(\/\S+)\s*([\s\S]*)$/.exec(text);
      if (!match) throw new HttpError(400, 'type a slash command, e.g. /winrate industry');
      const [, command = '', args = ''] = match;
      if (!o.commands.includes(command)) {
        throw new HttpError(400, `${command} is not a dealfit command (${o.commands.join(', ')})`);
      }
      // Slack sends no thread in a command's payload, but shows its answers in the thread
      const responseUrl = o.slack.responseUrl(
        where.id,
        user.id,
        undefined,
        threadOf(body.thread_ts),
      );
      const answer = await toBolt(
        slashCommandRequest({ command, text: args, user, channel: where, responseUrl }),
      );
      return { ok: true, status: answer.status };
    },
    message: async (body: Record<string, unknown>) => {
      const user = person(body.as);
      const where = channel(body.channel);
      const typed = str(body.text, 'text').trim();
      if (!typed) throw new HttpError(400, 'text is required');
      if (typed.startsWith('/')) throw new HttpError(400, 'a slash command goes to /api/command');
      const threadTs = threadOf(body.thread_ts);
      if (body.thread_ts !== undefined && !threadTs) {
        throw new HttpError(400, `thread_ts ${String(body.thread_ts)} is not a message ts`);
      }
      const members = [
        { id: o.slack.bot.userId, name: o.slack.bot.name },
        ...[...o.slack.users.values()].map((u) => ({ id: u.id, name: u.name })),
      ];
      const stored = o.slack.postAsUser({
        channel: where.id,
        user: user.id,
        text: encodeTypedText(typed, members),
        ...(threadTs ? { threadTs } : {}),
      });
      const parent = stored.threadTs
        ? o.slack.messages.find((m) => m.channel === where.id && m.ts === stored.threadTs)
        : undefined;
      const events = eventsForTypedMessage(
        {
          channel: where.id,
          user: user.id,
          text: stored.text,
          ts: stored.ts,
          ...(stored.threadTs ? { threadTs: stored.threadTs } : {}),
          ...(parent?.user ? { parentUser: parent.user } : {}),
        },
        { botUserId: o.slack.bot.userId, teamId: o.slack.bot.teamId },
      );
      // one request per event, as Slack delivers them
      const eventIds: string[] = [];
      for (const event of events) eventIds.push((await toBoltEvent(event)).eventId);
      return { ok: true, ts: stored.ts, eventIds };
    },
    action: async (body: Record<string, unknown>) => {
      const user = person(body.as);
      const where = channel(body.channel);
      const ts = typeof body.ts === 'string' ? body.ts : '';
      const element = body.element as ClickedElement | undefined;
      if (!element || typeof element.action_id !== 'string') {
        throw new HttpError(400, 'element.action_id is required');
      }
      const isEphemeral = body.ephemeral === true;
      const message = isEphemeral
        ? null
        : (o.slack.messages.find((m) => m.channel === where.id && m.ts === ts) ?? null);
      if (!isEphemeral && !message) throw new HttpError(404, `no message ${ts} in ${where.id}`);
      // the thread the clicked message is in (an ephemeral's comes from the page)
      const threadTs = message ? message.threadTs : threadOf(body.thread_ts);
      const responseUrl = o.slack.responseUrl(
        where.id,
        user.id,
        isEphemeral ? undefined : ts,
        threadTs,
      );
      const answer = await toBolt(
        blockActionsRequest({
          user,
          channel: where,
          message: message ? asSlackMessage(message) : null,
          messageTs: ts,
          ...(threadTs ? { threadTs } : {}),
          isEphemeral,
          element,
          responseUrl,
          nowSeconds: seconds(),
        }),
      );
      return { ok: true, status: answer.status };
    },
    home: async (body: Record<string, unknown>) => {
      const user = person(body.as);
      const answer = await toBoltEvent({
        type: 'app_home_opened',
        user: user.id,
        channel: o.slack.dmWith(user.id),
        tab: 'home',
        event_ts: `${seconds()}.000100`,
      });
      return { ok: true, status: answer.status };
    },
    runJob: async (name: string) => {
      if (!o.jobs.list().some((j) => j.name === name)) {
        throw new HttpError(404, `unknown job ${name}`);
      }
      const result = await o.jobs.runNow(name);
      notify();
      return { ok: true, ...result };
    },
  };

  let pending: NodeJS.Timeout | undefined;
  function notify(): void {
    // Coalesce bursts (a digest posts several messages) into one redraw.
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      for (const res of sse) res.write(`data: ${o.slack.changeCount}\n\n`);
    }, 50);
  }
  const unsubscribe = o.slack.subscribe(notify);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this machine's browser: a foreign Host header means DNS rebinding, refuse it.
    const hostHeader = req.headers.host ?? '';
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
      throw new HttpError(421, 'the local workspace answers on 127.0.0.1 only');
    }
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    const path = url.pathname;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET') {
      if (path === '/') {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(renderPage(pageInput(url)));
        return;
      }
      if (path === '/partial') {
        const input = pageInput(url);
        return json(200, {
          sidebar: renderSidebar(input),
          pane: renderPane(input),
          thread: renderThreadPane(input),
          version: o.slack.changeCount,
        });
      }
      if (path === '/events') {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(`data: ${o.slack.changeCount}\n\n`);
        sse.add(res);
        req.on('close', () => sse.delete(res));
        return;
      }
      if (path.startsWith('/assets/')) {
        const name = path.slice('/assets/'.length);
        const type = ASSET_TYPES[name];
        if (!type) throw new HttpError(404, 'not found');
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(readFileSync(resolve(ASSETS, name)));
        return;
      }
      if (path.startsWith('/files/')) {
        const file = o.slack.files.get(decodeURIComponent(path.slice('/files/'.length)));
        if (!file?.bytes) throw new HttpError(404, 'no such file');
        res.writeHead(200, {
          'content-type': file.filename.endsWith('.png') ? 'image/png' : 'application/octet-stream',
          'content-length': String(file.bytes.length),
        });
        res.end(file.bytes);
        return;
      }
      throw new HttpError(404, 'not found');
    }
    if (req.method === 'POST') {
      if (path === '/api/command') return json(200, await routes.command(await readJson(req)));
      if (path === '/api/message') return json(200, await routes.message(await readJson(req)));
      if (path === '/api/action') return json(200, await routes.action(await readJson(req)));
      if (path === '/api/home') return json(200, await routes.home(await readJson(req)));
      const job = /^\/api\/jobs\/([\w-]+)\/run$/.exec(path);
      if (job) {
        await readJson(req);
        return json(200, await routes.runJob(job[1]!));
      }
    }
    throw new HttpError(404, 'not found');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: (error as Error).message }));
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(o.port, host, () => done());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      unsubscribe();
      if (pending) clearTimeout(pending);
      for (const res of sse) res.end();
      sse.clear();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
