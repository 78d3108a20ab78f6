/**
 * The local workspace's HTTP server (127.0.0.1 only): the page, its script and styles,
 * uploaded files, a server-sent-events feed that fires when the workspace changes, and the
 * endpoints the page calls. Most of those do what Slack would (slack-routes.ts): a typed
 * slash command or message, a click or opening the Home tab becomes a signed request to the
 * Bolt app's receiver; the Jobs endpoint runs a scheduler job.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { HttpError, readJson, threadOf } from './http-input.js';
import { renderPage, renderPane, renderSidebar, renderThreadPane, type View } from './page.js';
import { slackRoutes } from './slack-routes.js';
import type { Person, WorkspaceJobs, WorkspaceSlack } from './workspace-types.js';

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
  /** GET /metrics on the page's port (the app's Prometheus metrics), as in production */
  metrics?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
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

export async function startLocalWorkspace(
  o: LocalWorkspaceOptions,
): Promise<RunningLocalWorkspace> {
  const host = o.host ?? '127.0.0.1';
  const people = new Map(o.people.map((p) => [p.id, p]));
  const defaultPerson = o.people[0];
  if (!defaultPerson) throw new Error('the local workspace needs at least one person');
  const sse = new Set<ServerResponse>();
  let port = o.port;

  const viewOf = (url: URL): View => {
    const v = url.searchParams.get('view');
    if (v === 'home' || v === 'jobs') return { kind: v };
    const c = url.searchParams.get('c');
    const channel = c && o.slack.channels.has(c) ? c : o.defaultChannel;
    const thread = threadOf(url.searchParams.get('t'));
    return { kind: 'channel', channel, ...(thread && channel === c ? { thread } : {}) };
  };
  const pageInput = async (url: URL) => {
    const as = people.get(url.searchParams.get('as') ?? '') ?? defaultPerson;
    // Slack lists the app under Direct messages before it ever wrote: a person can ask first
    o.slack.dmWith(as.id);
    return {
      slack: o.slack,
      people: o.people,
      as,
      view: viewOf(url),
      jobs: await o.jobs.list(),
      commands: o.commands,
    };
  };

  const routes = {
    ...slackRoutes({ ...o, people }),
    runJob: async (name: string) => {
      if (!(await o.jobs.list()).some((j) => j.name === name)) {
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
        res.end(renderPage(await pageInput(url)));
        return;
      }
      if (path === '/partial') {
        const input = await pageInput(url);
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
      if (path === '/metrics' && o.metrics) return o.metrics(req, res);
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
      // a zone's job name holds '@' and '/' (digest@Asia/Kolkata): the page encodes it
      const job = /^\/api\/jobs\/([^/]+)\/run$/.exec(path);
      if (job) {
        await readJson(req);
        return json(200, await routes.runJob(decodeURIComponent(job[1]!)));
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
