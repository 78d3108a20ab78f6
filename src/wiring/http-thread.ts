/**
 * A `fetch` whose requests are made in the HTTP thread (http-worker.ts). Bolt takes one
 * fetch for `respond()` and its WebClient (`clientOptions.fetch`), so every follow-up of a
 * slash command (the answer on response_url, conversations.open, the three calls of a chart
 * upload) and every proactive post leaves the main thread's event loop free to ack.
 * The main thread keeps only the WebClient's queueing and retries, and turns plain data
 * into a Response; the sockets, HTTP parsing and body streams are the other thread's.
 */
import type { HttpThreadServices, WireBody } from './http-worker.js';
import { ServiceThread } from './query-thread.js';
import type { ThreadClient } from './thread-rpc.js';

/** The statuses a Response may not carry a body with. */
const NULL_BODY = new Set([101, 204, 205, 304]);

async function toWire(body: RequestInit['body']): Promise<WireBody | undefined | null> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return { kind: 'text', text: body };
  if (body instanceof URLSearchParams) return { kind: 'params', text: body.toString() };
  if (body instanceof ArrayBuffer) return { kind: 'bytes', bytes: new Uint8Array(body) };
  if (ArrayBuffer.isView(body)) {
    return {
      kind: 'bytes',
      bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    };
  }
  if (body instanceof FormData) {
    const fields: Extract<WireBody, { kind: 'form' }>['fields'] = [];
    for (const [name, value] of body) {
      fields.push([
        name,
        typeof value === 'string'
          ? value
          : {
              bytes: new Uint8Array(await value.arrayBuffer()),
              filename: value.name,
              type: value.type,
            },
      ]);
    }
    return { kind: 'form', fields };
  }
  // a stream or a Blob: not sent by Bolt or the WebClient; made here rather than guessed at
  return null;
}

/** `fetch`, performed by the HTTP thread behind `client`. */
export function fetchThere(client: ThreadClient<HttpThreadServices['http']>): typeof fetch {
  return async (input, init = {}) => {
    // a Request object or an abort signal cannot cross as plain data: fetch those here
    if ((typeof input !== 'string' && !(input instanceof URL)) || init.signal) {
      return fetch(input, init);
    }
    const body = await toWire(init.body);
    if (body === null) return fetch(input, init);
    const res = await client.call('fetch', {
      url: String(input),
      method: init.method ?? 'GET',
      headers: [...new Headers(init.headers)],
      ...(body ? { body } : {}),
      ...(init.redirect ? { redirect: init.redirect } : {}),
    });
    return new Response(NULL_BODY.has(res.status) ? null : res.body, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}

export interface HttpThread {
  fetch: typeof fetch;
  /** opens the public port in the HTTP thread, acking Slack there (front-door.ts) */
  openFrontDoor(o: {
    port: number;
    host?: string;
    backendPort: number;
    signingSecret: string;
  }): Promise<number>;
  closeFrontDoor(): Promise<void>;
  close(): Promise<void>;
}

/** The HTTP thread, its fetch and its front door (the running app). */
export function inHttpThread(nice = 0): HttpThread {
  const thread = new ServiceThread<HttpThreadServices>('http-worker', { nice });
  const door = thread.client('frontDoor');
  return {
    fetch: fetchThere(thread.client('http')),
    openFrontDoor: (o) => door.call('open', o),
    closeFrontDoor: () => door.call('close'),
    close: () => thread.close(),
  };
}
