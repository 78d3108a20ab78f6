/**
 * Entry point of the HTTP thread (see http-thread.ts): performs the Slack app's outgoing
 * HTTP requests (response_url answers, Web API calls, file uploads) with this thread's own
 * fetch. Under load these are most of the main thread's work (bench:slack, 20 commands in
 * flight: 58% of its CPU was undici's fetch), and the main event loop is where Slack's acks
 * are sent. What crosses the thread is plain data: see WireRequest and WireResponse.
 */
import type { Server } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { frontDoorPort, listenFrontDoor } from '../adapters/slack/front-door.js';
import { serveThread } from './thread-rpc.js';

/** A request body as plain data; `form` is multipart/form-data (a file upload). */
export type WireBody =
  | { kind: 'text'; text: string }
  | { kind: 'params'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | {
      kind: 'form';
      fields: Array<[string, string | { bytes: Uint8Array; filename: string; type: string }]>;
    };

export interface WireRequest {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body?: WireBody;
  redirect?: RequestInit['redirect'];
}

export interface WireResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

function fromWire(body: WireBody | undefined): RequestInit['body'] {
  if (!body) return undefined;
  switch (body.kind) {
    case 'text':
      return body.text;
    case 'params':
      return new URLSearchParams(body.text);
    case 'bytes':
      return body.bytes;
    case 'form': {
      const form = new FormData();
      for (const [name, value] of body.fields) {
        if (typeof value === 'string') form.append(name, value);
        else form.append(name, new Blob([value.bytes], { type: value.type }), value.filename);
      }
      return form;
    }
  }
}

export async function fetchInThisThread(req: WireRequest): Promise<WireResponse> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: fromWire(req.body),
      ...(req.redirect ? { redirect: req.redirect } : {}),
    });
  } catch (error) {
    // only name and message cross the thread: keep the cause (ECONNREFUSED, …) in the message
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const cause = e.cause?.code ?? e.cause?.message;
    throw new TypeError(cause ? `${e.message} (${cause})` : e.message);
  }
  return {
    status: res.status,
    statusText: res.statusText,
    headers: [...res.headers],
    body: new Uint8Array(await res.arrayBuffer()),
  };
}

let frontDoor: Server | undefined;

/** Opens the public port in this thread, in front of the Bolt app's loopback port. */
async function openFrontDoor(o: {
  port: number;
  host?: string;
  backendPort: number;
  signingSecret: string;
}): Promise<number> {
  frontDoor = await listenFrontDoor({ ...o, log: (line) => console.error(`dealfit: ${line}`) });
  return frontDoorPort(frontDoor);
}

async function closeFrontDoor(): Promise<void> {
  const server = frontDoor;
  frontDoor = undefined;
  if (!server) return;
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** What the HTTP thread serves, by service name. */
export interface HttpThreadServices {
  http: { fetch: typeof fetchInThisThread };
  frontDoor: { open: typeof openFrontDoor; close: typeof closeFrontDoor };
}

// the module is also imported for its types and tests: serve only in the thread started for it
if (parentPort && (workerData as { module?: string } | null)?.module === 'http-worker') {
  serveThread<HttpThreadServices>(parentPort, {
    http: { fetch: fetchInThisThread },
    frontDoor: { open: openFrontDoor, close: closeFrontDoor },
  });
}
