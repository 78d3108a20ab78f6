/**
 * The Slack Web API emulator on loopback: the fake the tests use and the Slack of the local
 * workspace (`npm start` without tokens) are this one class, so what the tests prove is
 * what the local page shows. It is the emulated workspace (state.ts) behind an HTTP server
 * that records every call, checks the token, injects rate limits and failures, and routes
 * to the Web API methods (methods.ts).
 *
 * It speaks what @slack/web-api sends: POST /api/<method> with a form-urlencoded (or JSON)
 * body, JSON-encoded nested fields, and the bot token as a Bearer header. Besides the Web
 * API it serves the upload URLs of files.getUploadURLExternal, the uploaded files' bytes,
 * and a response_url receiver for Bolt's respond().
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { manifestBotScopes } from '../../adapters/slack/manifest.js';
import {
  answerResponseUrl,
  BOT,
  MUTATING_METHODS,
  type ResponseTarget,
  scopeFor,
  type WebApiMethod,
  webApiMethods,
} from './methods.js';
import { EmulatedWorkspace, type WorkspaceSeed } from './state.js';

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  status: number;
  at: number;
}

/** An answer a response_url received, as the app sent it. */
export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export interface SlackEmulatorOptions extends WorkspaceSeed {
  /** the bot token the API accepts, with the manifest's scopes (any xoxb- token when
   *  neither this nor `tokens` is set) */
  token?: string;
  /** interface to bind (default 127.0.0.1: the emulator is never reachable from outside) */
  host?: string;
}

/** Fields @slack/web-api sends JSON-encoded inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'view', 'files', 'attachments', 'metadata']);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseParams(contentType: string, raw: Buffer): Record<string, unknown> {
  const params: Record<string, unknown> = contentType.includes('application/json')
    ? (JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (JSON_FIELDS.has(key) && typeof value === 'string') params[key] = JSON.parse(value);
  }
  return params;
}

export class SlackEmulator extends EmulatedWorkspace {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly bot = BOT;
  private readonly rateLimits = new Map<string, { times: number; retryAfter: number }>();
  private readonly failures = new Map<string, { times: number; error: string }>();
  private readonly responseTargets = new Map<string, ResponseTarget>();
  private readonly methods: Record<string, WebApiMethod> = webApiMethods(this, () => ({
    base: this.base,
    upload: (id) => `${this.base}upload/${id}`,
  }));
  private server!: Server;
  private base = '';

  private constructor(private readonly options: SlackEmulatorOptions) {
    super(options);
  }

  static async start(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
    const fake = new SlackEmulator(options);
    fake.server = createServer((req, res) => {
      fake.handle(req, res).catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error.stack);
      });
    });
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve) => fake.server.listen(0, host, resolve));
    fake.base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/`;
    return fake;
  }

  /** The Web API base URL, for `clientOptions.slackApiUrl` / SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.base}api/`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- test controls -------------------------------------------------------------------

  /** Answer the next `times` calls of `method` with 429 and `Retry-After: retryAfter`. */
  rateLimit(method: string, times: number, retryAfter = 1): void {
    this.rateLimits.set(method, { times, retryAfter });
  }

  /** Answer the next `times` calls of `method` with `{ ok: false, error }`. */
  fail(method: string, error: string, times = 1): void {
    this.failures.set(method, { times, error });
  }

  /**
   * A response_url for a slash command (or, with `messageTs`, a click on that message)
   * from `user` in `channel`; answers are recorded, and `replace_original` edits the
   * message the click came from, as Slack does. With `threadTs` (the command or click was
   * in a thread) what it posts is shown in that thread.
   */
  responseUrl(channel: string, user: string, messageTs?: string, threadTs?: string): string {
    const id = `R${this.nextSeq()}`;
    this.responseTargets.set(id, {
      channel,
      user,
      ...(messageTs ? { messageTs } : {}),
      ...(threadTs ? { threadTs } : {}),
    });
    return `${this.base}response/${id}`;
  }

  // ---- queries -------------------------------------------------------------------------

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The URL the emulator serves an uploaded file's bytes at (GET). */
  fileUrl(id: string): string {
    return `${this.base}files/${id}`;
  }

  /** Polls until `predicate` holds (or throws after `timeoutMs`), for async follow-ups. */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(`fake Slack: condition not met in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  // ---- HTTP ----------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const raw = await readBody(req);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/response/')) {
      this.receiveResponse(url.pathname.slice('/response/'.length), raw);
      this.changed();
      return send(200, { ok: true });
    }
    if (url.pathname.startsWith('/files/') && req.method === 'GET') {
      const file = this.files.get(url.pathname.slice('/files/'.length));
      if (!file?.bytes) return send(404, { ok: false, error: 'file_not_found' });
      res.writeHead(200, {
        'content-type': file.filename.endsWith('.png') ? 'image/png' : 'application/octet-stream',
        'content-length': String(file.bytes.length),
      });
      res.end(file.bytes);
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      const ok = await this.receiveUpload(url.pathname.slice('/upload/'.length), req, raw);
      res
        .writeHead(ok ? 200 : 404, { 'content-type': 'text/plain' })
        .end(ok ? `OK - ${raw.length}` : 'no such upload');
      return;
    }
    if (!url.pathname.startsWith('/api/') || req.method !== 'POST')
      return send(404, { ok: false, error: 'not_found' });
    const method = url.pathname.slice('/api/'.length);
    const params = parseParams(req.headers['content-type'] ?? '', raw);
    const record = (status: number) => this.calls.push({ method, params, status, at: Date.now() });

    const limit = this.rateLimits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      record(429);
      return send(
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(limit.retryAfter) },
      );
    }
    record(200);
    const auth =
      req.headers.authorization?.replace(/^Bearer /, '') ?? (params.token as string | undefined);
    if (!auth) return send(200, { ok: false, error: 'not_authed' });
    const scopes = this.scopesOf(auth);
    if (!scopes) return send(200, { ok: false, error: 'invalid_auth' });
    // Slack names the token's granted scopes on every Web API answer
    const granted = { 'x-oauth-scopes': scopes.join(',') };
    const failure = this.failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return send(200, { ok: false, error: failure.error }, granted);
    }
    const handler = this.methods[method];
    if (!handler) return send(200, { ok: false, error: 'unknown_method' }, granted);
    const needed = scopeFor(this, method, params);
    if (needed && !scopes.includes(needed)) {
      const body = { ok: false, error: 'missing_scope', needed, provided: scopes.join(',') };
      return send(200, body, granted);
    }
    try {
      const result = handler(params);
      if (MUTATING_METHODS.has(method)) this.changed();
      return send(200, { ok: true, ...result }, granted);
    } catch (error) {
      return send(200, { ok: false, error: (error as Error).message }, granted);
    }
  }

  /**
   * The scopes a token was granted, or undefined for a token Slack would not know: with
   * `token` or `tokens` set only those; otherwise any xoxb- token, with the manifest's
   * scopes (a fresh install of manifest.json).
   */
  private scopesOf(token: string): readonly string[] | undefined {
    const granted = this.tokens.get(token);
    if (granted) return granted;
    if (this.options.token) return token === this.options.token ? manifestBotScopes() : undefined;
    if (this.tokens.size > 0) return undefined;
    return token.startsWith('xoxb-') ? manifestBotScopes() : undefined;
  }

  private receiveResponse(id: string, raw: Buffer): void {
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    this.responses.push({ id, body, at: Date.now() });
    const target = this.responseTargets.get(id);
    if (target) answerResponseUrl(this, target, body);
  }

  private async receiveUpload(id: string, req: IncomingMessage, raw: Buffer): Promise<boolean> {
    const file = this.files.get(id);
    if (!file) return false;
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
      file.bytes = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    } else {
      file.bytes = raw;
    }
    return true;
  }
}
