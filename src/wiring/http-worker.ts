/**
 * Entry point of the HTTP thread (see http-thread.ts): performs the Slack app's outgoing
 * HTTP requests (response_url answers, Web API calls, file uploads) with this thread's own
 * sockets (http-request.ts). Under load these are most of the main thread's work
 * (bench:slack, 20 commands in flight: 58% of its CPU was undici's fetch), and the main
 * event loop is where Slack's acks are sent. What crosses the thread is plain data: see WireRequest and WireResponse.
 */
import type { Server } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import {
  closeFrontDoor as closeDoorServer,
  frontDoorPort,
  listenFrontDoor,
} from '../adapters/slack/front-door.js';
import { sendRequest } from './http-request.js';
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

/** The request, made with this thread's own sockets (http-request.ts). */
export function fetchInThisThread(req: WireRequest): Promise<WireResponse> {
  return sendRequest(req);
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
  await closeDoorServer(server);
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
