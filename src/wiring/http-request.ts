/**
 * The HTTP thread's requests, made with node:http(s) on kept-alive sockets instead of the
 * global fetch. Measured in bench:ask's profile: during a burst of slash commands the HTTP
 * thread was busy a whole core, most of it inside undici's fetch (WHATWG streams, Headers
 * and FormData machinery per request); a plain request on a kept-alive socket costs a
 * fraction of that. What goes in and out is the thread's plain data (WireRequest and
 * WireResponse), with fetch's behaviour where a caller can tell: default content types, a
 * multipart body for a form, redirects followed, compressed bodies decoded, and a
 * TypeError naming the cause when the connection fails.
 */
import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { WireBody, WireRequest, WireResponse } from './http-worker.js';

/** one pool per scheme: a burst of answers reuses its connections to Slack */
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32 });
/** fetch follows up to 20; Slack never redirects more than once */
const MAX_REDIRECTS = 5;

interface Encoded {
  bytes: Buffer;
  /** what fetch would send when the caller set no content type */
  type: string;
}

function encodeBody(body: WireBody): Encoded {
  switch (body.kind) {
    case 'text':
      return { bytes: Buffer.from(body.text, 'utf8'), type: 'text/plain;charset=UTF-8' };
    case 'params':
      return {
        bytes: Buffer.from(body.text, 'utf8'),
        type: 'application/x-www-form-urlencoded;charset=UTF-8',
      };
    case 'bytes':
      return {
        bytes: Buffer.from(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength),
        type: '',
      };
    case 'form':
      return multipart(body.fields);
  }
}

/** RFC 7578 multipart/form-data, as fetch encodes a FormData */
function multipart(fields: Extract<WireBody, { kind: 'form' }>['fields']): Encoded {
  const boundary = `----dealfit${randomBytes(12).toString('hex')}`;
  const quote = (s: string) => s.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    if (typeof value === 'string') {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value.replace(/\r?\n|\r/g, '\r\n')}\r\n`,
        ),
      );
    } else {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"; filename="${quote(value.filename)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`,
        ),
        Buffer.from(value.bytes.buffer, value.bytes.byteOffset, value.bytes.byteLength),
        Buffer.from('\r\n'),
      );
    }
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { bytes: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

function decode(encoding: string | undefined, body: Buffer): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

function once(url: URL, method: string, headers: Record<string, string>, bytes?: Buffer) {
  return new Promise<{ res: IncomingMessage; body: Buffer }>((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      { method, headers, agent: secure ? httpsAgent : httpAgent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

/** Makes the request; resolves with the response fetch would have given. */
export async function sendRequest(req: WireRequest): Promise<WireResponse> {
  let url = new URL(req.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`fetch failed (unsupported protocol ${url.protocol})`);
  }
  let method = req.method.toUpperCase();
  const headers: Record<string, string> = {};
  for (const [name, value] of req.headers) headers[name.toLowerCase()] = value;
  let encoded = req.body ? encodeBody(req.body) : undefined;
  // a form's boundary is ours: its content type is always the one that names it
  if (encoded && (req.body?.kind === 'form' || !headers['content-type']) && encoded.type) {
    headers['content-type'] = encoded.type;
  }
  headers['accept-encoding'] ??= 'gzip, deflate, br';
  for (let redirects = 0; ; redirects++) {
    if (encoded) headers['content-length'] = String(encoded.bytes.length);
    else delete headers['content-length'];
    let answer: Awaited<ReturnType<typeof once>>;
    try {
      answer = await once(url, method, headers, encoded?.bytes);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      throw new TypeError(`fetch failed (${e.code ?? e.message})`);
    }
    const { res, body } = answer;
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if ([301, 302, 303, 307, 308].includes(status) && location && req.redirect !== 'manual') {
      if (req.redirect === 'error') throw new TypeError('fetch failed (redirect)');
      if (redirects >= MAX_REDIRECTS) throw new TypeError('fetch failed (too many redirects)');
      url = new URL(location, url);
      // as fetch: a 303, or a 301/302 after a POST, is followed with a GET and no body
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        method = 'GET';
        encoded = undefined;
        delete headers['content-type'];
      }
      continue;
    }
    const responseHeaders: Array<[string, string]> = [];
    for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
      responseHeaders.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
    }
    const decoded = decode(res.headers['content-encoding'], body);
    return {
      status,
      statusText: res.statusMessage ?? '',
      headers: responseHeaders,
      body: new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength),
    };
  }
}
