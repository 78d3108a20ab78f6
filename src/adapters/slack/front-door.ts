/**
 * The front door: the public HTTP port, served from the HTTP thread, in front of the Bolt
 * app that listens on a loopback port in the main thread.
 *
 * Why: Slack wants its 200 within 3 seconds, and dealfit acks every request with an empty
 * body (answers go to response_url, chat.postMessage or a thread). In the main thread the
 * ack waits behind whatever the event loop is doing: rendering another answer's Block Kit,
 * the SQL of a sweep. Here a signed POST /slack/events is checked (the same v0 signature
 * and 5-minute window as Bolt's receiver) and answered at once, then handed on, unchanged,
 * to the Bolt app, which checks it again, runs the listeners and answers into the void.
 * A URL verification (its challenge) and anything that is not /slack/events (the webhook,
 * /healthz, …) are passed through and answered by the main thread as before.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestsInFlight } from './requests-in-flight.js';

export const SLACK_EVENTS_PATH = '/slack/events';
const MAX_AGE_SECONDS = 5 * 60;
/** Slack's payloads are small; a bigger body is not Slack's */
const MAX_BODY_BYTES = 1 << 20;

/** kept-alive connections to the Bolt app: a burst of 20 must not open 20 sockets each time */
const backend = new Agent({ keepAlive: true, maxSockets: 32 });

export interface FrontDoorOptions {
  port: number;
  host?: string;
  /** the Bolt app's loopback port in the main thread */
  backendPort: number;
  signingSecret: string;
  /** lines worth logging (a hand-on that failed) */
  log?: (line: string) => void;
  now?: () => number;
}

/** Slack's v0 request signature over the raw body, with a 5-minute replay window. */
export function verifySlackSignature(
  secret: string,
  headers: IncomingMessage['headers'],
  body: Buffer,
  nowMs: number,
): boolean {
  const signature = headers['x-slack-signature'];
  const timestamp = Number(headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - timestamp) > MAX_AGE_SECONDS) return false;
  const expected = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A URL verification or an ssl_check must get the Bolt app's own answer, not an empty 200. */
function needsBackendAnswer(req: IncomingMessage, body: Buffer): boolean {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    return body.includes('"url_verification"');
  }
  return new URLSearchParams(body.toString('utf8')).has('ssl_check');
}

/** Passes a request through to the backend and its answer back. */
function passThrough(
  backendPort: number,
  req: IncomingMessage,
  res: ServerResponse,
  body?: Buffer,
): void {
  const upstream = request(
    {
      host: '127.0.0.1',
      port: backendPort,
      agent: backend,
      method: req.method,
      path: req.url,
      headers: req.headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('dealfit is not reachable');
  });
  if (body) upstream.end(body);
  else req.pipe(upstream);
}

/** Each door's acked requests still on their way to the Bolt app (closeFrontDoor waits). */
const handingOn = new WeakMap<Server, RequestsInFlight>();

/** Hands an acked request on to the backend; its answer is not Slack's any more. */
function handOn(
  o: FrontDoorOptions,
  req: IncomingMessage,
  body: Buffer,
  inFlight: RequestsInFlight,
): void {
  let settle!: () => void;
  void inFlight.track(
    new Promise<void>((resolve) => {
      settle = resolve;
    }),
  );
  const upstream = request(
    {
      host: '127.0.0.1',
      port: o.backendPort,
      agent: backend,
      method: 'POST',
      path: req.url,
      headers: { ...req.headers, 'content-length': String(body.length) },
    },
    (answer) => {
      // the Bolt app answers once it has taken the request (its ack): from then on the
      // app's own stop waits for the answer (requests-in-flight.ts)
      settle();
      if ((answer.statusCode ?? 0) >= 400) {
        o.log?.(`front door: the app answered ${answer.statusCode} to an acked request`);
      }
      answer.resume();
    },
  );
  upstream.on('error', (error) => {
    settle();
    o.log?.(`front door: hand-on failed: ${error.message}`);
  });
  upstream.end(body);
}

/**
 * Stops taking requests, then waits (up to `waitMs`) for the acked ones still on their
 * way to the Bolt app: Slack will not send them again, so the app must take them before
 * it stops listening.
 */
export async function closeFrontDoor(server: Server, waitMs = 5000): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await handingOn.get(server)?.drained(waitMs);
  await closed;
}

export function listenFrontDoor(o: FrontDoorOptions): Promise<Server> {
  const now = o.now ?? Date.now;
  const inFlight = new RequestsInFlight();
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (req.method !== 'POST' || path !== SLACK_EVENTS_PATH) {
      passThrough(o.backendPort, req, res);
      return;
    }
    readBody(req).then(
      (body) => {
        if (body === null) {
          res.writeHead(413).end();
          return;
        }
        if (!verifySlackSignature(o.signingSecret, req.headers, body, now())) {
          res.writeHead(401).end();
          return;
        }
        if (needsBackendAnswer(req, body)) {
          passThrough(o.backendPort, req, res, body);
          return;
        }
        res.writeHead(200).end();
        handOn(o, req, body, inFlight);
      },
      () => res.writeHead(400).end(),
    );
  });
  handingOn.set(server, inFlight);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve(server));
  });
}

export function frontDoorPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
