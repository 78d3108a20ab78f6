/**
 * Builds and runs the Bolt app: HTTP receiver (signed requests on /slack/events, plus
 * GET /healthz) or Socket Mode when an app token is configured (then /healthz gets its
 * own small HTTP server on the same PORT, so probes work in both modes).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel, type webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import type { HealthReport, SlackDeps } from './deps.js';
import { createErrorHandler } from './error-handler.js';
import { registerListeners } from './register-listeners.js';
import { timeRequests } from './request-timing.js';

export interface SlackAppOptions {
  slack: SlackConfig;
  port: number;
  /** interface to listen on (default: all) */
  host?: string;
  deps: SlackDeps;
  logger?: Logger;
  logLevel?: LogLevel;
  /** known bot identity: skips auth.test at start-up */
  botId?: string;
  botUserId?: string;
  retryConfig?: webApi.RetryOptions;
  /** the fetch of respond() and the WebClient (the running app: one in another thread) */
  fetch?: typeof fetch;
  /** more HTTP routes on the same port (e.g. POST /hooks/deals), in both modes */
  routes?: ExtraRoute[];
}

export interface ExtraRoute {
  path: string;
  method: 'GET' | 'POST';
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

export interface RunningSlackApp {
  app: App;
  mode: 'http' | 'socket';
  /** the bound HTTP port (the real one when 0 was asked for) */
  port: number;
  /** set when the public port is the HTTP thread's front door: the Bolt app's own port */
  backendPort?: number;
  stop(): Promise<void>;
}

async function readReport(
  health: () => HealthReport | Promise<HealthReport>,
): Promise<HealthReport> {
  try {
    return await health();
  } catch (error) {
    return {
      ok: false,
      db: { ok: false, error: (error as Error).message },
      dataAsOf: null,
      lastSync: null,
    };
  }
}

/** GET /healthz: the whole report; 503 when the store cannot be read. */
export function healthHandler(health: () => HealthReport | Promise<HealthReport>) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const report = await readReport(health);
    res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify(report));
  };
}

/** Why this instance should not get traffic now; empty = ready. */
export function notReadyBecause(report: HealthReport): string[] {
  const reasons: string[] = [];
  if (!report.db.ok) reasons.push(`store unreachable: ${report.db.error ?? 'unknown error'}`);
  if (report.migrations?.state === 'pending') reasons.push('migrations not applied yet');
  if (report.stopping) reasons.push('stopping');
  return reasons;
}

/**
 * GET /readyz for a load balancer: 200 when the store answers and has every migration
 * this code needs, else 503 with the reasons; 503 too once a stop was asked for (the
 * instance still finishes its job). While this instance applies its migrations at
 * start-up it is not listening yet, so the probe fails then too.
 */
export function readyHandler(health: () => HealthReport | Promise<HealthReport>) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reasons = notReadyBecause(await readReport(health));
    res.writeHead(reasons.length === 0 ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ready: reasons.length === 0, reasons }));
  };
}

export function createSlackApp(o: SlackAppOptions): { app: App; receiver?: HTTPReceiver } {
  const common = {
    token: o.slack.botToken,
    ...(o.botId ? { botId: o.botId } : {}),
    ...(o.botUserId ? { botUserId: o.botUserId } : {}),
    ...(o.logger ? { logger: o.logger } : { logLevel: o.logLevel ?? LogLevel.INFO }),
    clientOptions: {
      ...(o.slack.apiUrl ? { slackApiUrl: o.slack.apiUrl } : {}),
      ...(o.retryConfig ? { retryConfig: o.retryConfig } : {}),
      ...(o.fetch ? { fetch: o.fetch } : {}),
    },
    extendedErrorHandler: true,
    // Bolt's conversation store (context.conversation) is unused: dealfit keeps threads in
    // its database. Off, every request skips a lookup that throws "not found" on the loop
    // that acks.
    convoStore: false as const,
  };
  let app: App;
  let receiver: HTTPReceiver | undefined;
  if (o.slack.appToken) {
    app = new App({ ...common, appToken: o.slack.appToken, socketMode: true });
  } else {
    if (!o.slack.signingSecret) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET');
    receiver = new HTTPReceiver({
      signingSecret: o.slack.signingSecret,
      port: o.port,
      customRoutes: [
        { path: '/healthz', method: ['GET'], handler: healthHandler(o.deps.health) },
        { path: '/readyz', method: ['GET'], handler: readyHandler(o.deps.health) },
        ...(o.routes ?? []).map((r) => ({
          path: r.path,
          method: [r.method],
          handler: (req: IncomingMessage, res: ServerResponse) => void r.handler(req, res),
        })),
      ],
      ...(o.logger ? { logger: o.logger } : { logLevel: o.logLevel ?? LogLevel.INFO }),
    });
    app = new App({ ...common, receiver });
  }
  app.error(createErrorHandler());
  if (o.deps.telemetry) timeRequests(app, o.deps.telemetry);
  registerListeners(app, o.deps);
  return { app, receiver };
}

function listenHealth(
  health: () => HealthReport | Promise<HealthReport>,
  port: number,
  host?: string,
  routes: ExtraRoute[] = [],
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return healthHandler(health)(req, res);
    if (req.method === 'GET' && path === '/readyz') return readyHandler(health)(req, res);
    const route = routes.find((r) => r.method === req.method && r.path === path);
    if (route) return void route.handler(req, res);
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  server.closeIdleConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startSlackApp(o: SlackAppOptions): Promise<RunningSlackApp> {
  const { app } = createSlackApp(o);
  if (o.slack.appToken) {
    await app.start();
    const health = await listenHealth(o.deps.health, o.port, o.host, o.routes);
    return {
      app,
      mode: 'socket',
      port: (health.address() as AddressInfo).port,
      stop: async () => {
        await Promise.all([app.stop(), close(health)]);
      },
    };
  }
  const server = (await app.start(o.host ? { port: o.port, host: o.host } : o.port)) as Server;
  return {
    app,
    mode: 'http',
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      server.closeIdleConnections();
      await app.stop();
    },
  };
}
