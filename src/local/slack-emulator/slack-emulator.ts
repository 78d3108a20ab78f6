/**
 * The Slack Web API emulator on loopback: the fake the tests use and the Slack of the local
 * workspace (`npm start` without tokens) are this one class, so what the tests prove is
 * what the local page shows. It records every call and keeps an in-memory workspace
 * (channels with messages, ephemerals, DMs, files, the Home tab, users) with a query API
 * and a change feed.
 *
 * It speaks what @slack/web-api sends: POST /api/<method> with a form-urlencoded (or JSON)
 * body, JSON-encoded nested fields, and the bot token as a Bearer header. Besides the Web
 * API it serves the upload URLs of files.getUploadURLExternal and a response_url receiver
 * for Bolt's respond().
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  status: number;
  at: number;
}

export interface FakeMessage {
  channel: string;
  /** when it was stored (ms), to merge messages and ephemerals in time order */
  at?: number;
  ts: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  user?: string;
  files?: string[];
  /** via a response_url */
  viaResponseUrl?: boolean;
  edited?: boolean;
}

export interface FakeEphemeral {
  channel: string;
  ts?: string;
  at?: number;
  user: string;
  text: string;
  blocks?: unknown[];
  viaResponseUrl?: boolean;
}

export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  altText?: string;
  title?: string;
  bytes?: Buffer;
  channel?: string;
  threadTs?: string;
}

export interface FakeResponse {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export interface EmulatedUser {
  id: string;
  name: string;
  tz?: string;
  /** shown in the local workspace's "act as" picker, e.g. "CRO" or "rep_3" */
  title?: string;
}

export interface SlackEmulatorOptions {
  /** the bot token the API accepts (any xoxb- token when unset) */
  token?: string;
  channels?: Array<{ id: string; name: string }>;
  users?: EmulatedUser[];
  /** interface to bind (default 127.0.0.1: the emulator is never reachable from outside) */
  host?: string;
}

/** @deprecated name kept for the tests written before the emulator moved into src */
export type FakeSlackOptions = SlackEmulatorOptions;

export interface EmulatedChannel {
  id: string;
  name: string;
  /** set on a DM: the user the bot talks to */
  user?: string;
}

const BOT = { userId: 'U0DEALFIT', botId: 'B0DEALFIT', teamId: 'T0DEALFIT' };
const JSON_FIELDS = new Set(['blocks', 'view', 'files', 'attachments', 'metadata']);

type Handler = (p: Record<string, unknown>) => Record<string, unknown>;

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

/** What a restart of the local workspace keeps: the conversation state, not the call log. */
export interface EmulatorSnapshot {
  version: 1;
  clock: number;
  seq: number;
  channels: EmulatedChannel[];
  messages: FakeMessage[];
  ephemerals: FakeEphemeral[];
  files: Array<Omit<FakeFile, 'bytes'> & { base64?: string }>;
  homeViews: Array<[string, unknown]>;
}

/** Web API methods that change the workspace (the change feed fires after them). */
const MUTATING = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'conversations.open',
  'views.publish',
  'files.completeUploadExternal',
]);

export class SlackEmulator {
  readonly calls: RecordedCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly ephemerals: FakeEphemeral[] = [];
  readonly files = new Map<string, FakeFile>();
  private readonly userGroups = new Map<string, string[]>();
  readonly homeViews = new Map<string, unknown>();
  readonly responses: FakeResponse[] = [];
  readonly channels = new Map<string, EmulatedChannel>();
  readonly users = new Map<string, EmulatedUser & { tz: string }>();
  readonly bot = BOT;
  private readonly rateLimits = new Map<string, { times: number; retryAfter: number }>();
  private readonly failures = new Map<string, { times: number; error: string }>();
  private readonly responseTargets = new Map<
    string,
    { channel: string; user: string; messageTs?: string }
  >();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private clock = 1_700_000_000;
  private seq = 0;
  private server!: Server;
  private base = '';

  private constructor(private readonly options: SlackEmulatorOptions) {
    for (const c of options.channels ?? [{ id: 'C0GENERAL', name: 'general' }]) {
      this.channels.set(c.id, c);
    }
    for (const u of options.users ?? [{ id: 'U0ALICE', name: 'alice' }]) {
      this.users.set(u.id, { tz: 'UTC', ...u });
    }
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
   * message the click came from, as Slack does.
   */
  responseUrl(channel: string, user: string, messageTs?: string): string {
    const id = `R${++this.seq}`;
    this.responseTargets.set(id, { channel, user, ...(messageTs ? { messageTs } : {}) });
    return `${this.base}response/${id}`;
  }

  /** The workspace's conversations, files and Home views, as JSON-safe data. */
  snapshot(): EmulatorSnapshot {
    return {
      version: 1,
      clock: this.clock,
      seq: this.seq,
      channels: [...this.channels.values()],
      messages: this.messages,
      ephemerals: this.ephemerals,
      files: [...this.files.values()].map(({ bytes, ...file }) => ({
        ...file,
        ...(bytes ? { base64: bytes.toString('base64') } : {}),
      })),
      homeViews: [...this.homeViews],
    };
  }

  /** Loads a snapshot taken by snapshot() (the local workspace after a restart). */
  restore(snapshot: EmulatorSnapshot): void {
    if (snapshot.version !== 1) throw new Error(`unknown snapshot version ${snapshot.version}`);
    this.clock = Math.max(this.clock, snapshot.clock);
    this.seq = Math.max(this.seq, snapshot.seq);
    for (const channel of snapshot.channels) this.channels.set(channel.id, channel);
    this.messages.push(...snapshot.messages);
    this.ephemerals.push(...snapshot.ephemerals);
    for (const { base64, ...file } of snapshot.files) {
      this.files.set(file.id, {
        ...file,
        ...(base64 !== undefined ? { bytes: Buffer.from(base64, 'base64') } : {}),
      });
    }
    for (const [user, view] of snapshot.homeViews) this.homeViews.set(user, view);
    this.changed();
  }

  /** Adds a user after start (the local workspace maps reps to users this way). */
  addUser(user: EmulatedUser): void {
    this.users.set(user.id, { tz: 'UTC', ...user });
    this.changed();
  }

  /** Creates or replaces a user group (id S…) and its members. */
  setUserGroup(id: string, members: string[]): void {
    this.userGroups.set(id, [...members]);
  }

  /** Calls `listener` after every change to the workspace; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Grows with every change: a page polls it to know when to redraw. */
  get changeCount(): number {
    return this.version;
  }

  /** The DM channel id between the bot and `user` (created on first use, like Slack). */
  dmWith(user: string): string {
    return this.openDm(user);
  }

  // ---- queries -------------------------------------------------------------------------

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  messagesIn(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  filesIn(channel: string): FakeFile[] {
    return [...this.files.values()].filter((f) => f.channel === channel);
  }

  /** The URL the emulator serves an uploaded file's bytes at (GET). */
  fileUrl(id: string): string {
    return `${this.base}files/${id}`;
  }

  ephemeralsFor(channel: string, user: string): FakeEphemeral[] {
    return this.ephemerals.filter((e) => e.channel === channel && e.user === user);
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

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // a broken listener (a closed page) must not break the API
      }
    }
  }

  private nextTs(): string {
    this.clock += 1;
    return `${this.clock}.${String(++this.seq).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const raw = await readBody(req);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/response/')) {
      const answer = this.receiveResponse(url.pathname.slice('/response/'.length), raw);
      this.changed();
      return send(200, answer);
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
    if (this.options.token ? auth !== this.options.token : !auth.startsWith('xoxb-')) {
      return send(200, { ok: false, error: 'invalid_auth' });
    }
    const failure = this.failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return send(200, { ok: false, error: failure.error });
    }
    const handler = this.handlers[method];
    if (!handler) return send(200, { ok: false, error: 'unknown_method' });
    try {
      const result = handler(params);
      if (MUTATING.has(method)) this.changed();
      return send(200, { ok: true, ...result });
    } catch (error) {
      return send(200, { ok: false, error: (error as Error).message });
    }
  }

  private receiveResponse(id: string, raw: Buffer): Record<string, unknown> {
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    this.responses.push({ id, body, at: Date.now() });
    const target = this.responseTargets.get(id);
    if (target) {
      const text = String(body.text ?? '');
      const blocks = body.blocks as unknown[] | undefined;
      const original = target.messageTs
        ? this.messages.find((m) => m.channel === target.channel && m.ts === target.messageTs)
        : undefined;
      if (original && body.delete_original === true) {
        this.messages.splice(this.messages.indexOf(original), 1);
      } else if (original && body.replace_original === true) {
        original.text = text || original.text;
        if (blocks) original.blocks = blocks;
        original.edited = true;
      } else if (body.response_type === 'in_channel') {
        this.messages.push({
          channel: target.channel,
          ts: this.nextTs(),
          at: Date.now(),
          text,
          blocks,
          viaResponseUrl: true,
        });
      } else {
        this.ephemerals.push({
          channel: target.channel,
          user: target.user,
          ts: this.nextTs(),
          at: Date.now(),
          text,
          blocks,
          viaResponseUrl: true,
        });
      }
    }
    return { ok: true };
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

  private channelOf(p: Record<string, unknown>, key = 'channel'): string {
    const id = String(p[key] ?? '');
    if (!id) throw new Error('channel_not_found');
    // Slack accepts a user id as channel and posts into the DM with that user.
    if (this.users.has(id)) return this.openDm(id);
    if (!this.channels.has(id)) throw new Error('channel_not_found');
    return id;
  }

  private openDm(user: string): string {
    const id = `D${user.slice(1)}`;
    if (!this.channels.has(id)) {
      this.channels.set(id, { id, name: `dm-${user}`, user });
      this.changed();
    }
    return id;
  }

  private readonly handlers: Record<string, Handler> = {
    'auth.test': () => ({
      url: this.base,
      team: 'dealfit test',
      user: 'dealfit',
      team_id: BOT.teamId,
      user_id: BOT.userId,
      bot_id: BOT.botId,
    }),
    'chat.postMessage': (p) => {
      const channel = this.channelOf(p);
      if (!p.text && !p.blocks) throw new Error('no_text');
      const message: FakeMessage = {
        channel,
        ts: this.nextTs(),
        text: String(p.text ?? ''),
        blocks: p.blocks as unknown[] | undefined,
        threadTs: p.thread_ts as string | undefined,
        user: BOT.userId,
        at: Date.now(),
      };
      this.messages.push(message);
      return { channel, ts: message.ts, message: { text: message.text, ts: message.ts } };
    },
    'chat.update': (p) => {
      const channel = this.channelOf(p);
      const message = this.messages.find((m) => m.channel === channel && m.ts === p.ts);
      if (!message) throw new Error('message_not_found');
      message.text = String(p.text ?? message.text);
      if (p.blocks) message.blocks = p.blocks as unknown[];
      message.edited = true;
      return { channel, ts: message.ts, text: message.text };
    },
    'chat.postEphemeral': (p) => {
      const channel = this.channelOf(p);
      const user = String(p.user ?? '');
      if (!this.users.has(user)) throw new Error('user_not_found');
      const ts = this.nextTs();
      this.ephemerals.push({
        channel,
        user,
        ts,
        at: Date.now(),
        text: String(p.text ?? ''),
        blocks: p.blocks as unknown[] | undefined,
      });
      return { message_ts: ts };
    },
    'conversations.open': (p) => {
      const users = String(p.users ?? '')
        .split(',')
        .filter(Boolean);
      if (users.length !== 1 || !this.users.has(users[0]!)) throw new Error('user_not_found');
      return { channel: { id: this.openDm(users[0]!) } };
    },
    'views.publish': (p) => {
      const user = String(p.user_id ?? '');
      if (!this.users.has(user)) throw new Error('user_not_found');
      const view = p.view as { type?: string } | undefined;
      if (view?.type !== 'home') throw new Error('invalid_arguments');
      this.homeViews.set(user, view);
      return { view: { id: `V${++this.seq}`, ...view } };
    },
    'files.getUploadURLExternal': (p) => {
      const length = Number(p.length);
      if (!p.filename || !Number.isFinite(length) || length <= 0)
        throw new Error('invalid_arguments');
      const id = `F${++this.seq}`;
      this.files.set(id, {
        id,
        filename: String(p.filename),
        length,
        altText: p.alt_text as string | undefined,
      });
      return { upload_url: `${this.base}upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (p) => {
      const list = (p.files as Array<{ id: string; title?: string }> | undefined) ?? [];
      const channel = p.channel_id ? this.channelOf(p, 'channel_id') : undefined;
      const done = list.map(({ id, title }) => {
        const file = this.files.get(id);
        if (!file?.bytes) throw new Error('file_not_found');
        Object.assign(file, { title, channel, threadTs: p.thread_ts as string | undefined });
        return { id, title, name: file.filename, size: file.bytes.length };
      });
      if (channel) {
        this.messages.push({
          channel,
          ts: this.nextTs(),
          text: String(p.initial_comment ?? ''),
          threadTs: p.thread_ts as string | undefined,
          files: done.map((f) => f.id),
          user: BOT.userId,
          at: Date.now(),
        });
      }
      return { files: done };
    },
    'users.info': (p) => {
      const user = this.users.get(String(p.user ?? ''));
      if (!user) throw new Error('user_not_found');
      return {
        user: { id: user.id, name: user.name, real_name: user.name, tz: user.tz, is_bot: false },
      };
    },
    'usergroups.users.list': (p) => {
      const members = this.userGroups.get(String(p.usergroup ?? ''));
      if (!members) throw new Error('no_such_subteam');
      return { users: members };
    },
    'users.list': () => ({
      members: [...this.users.values()].map((u) => ({
        id: u.id,
        name: u.name,
        real_name: u.name,
        tz: u.tz,
        is_bot: false,
      })),
    }),
  };
}
