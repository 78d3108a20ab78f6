/**
 * The emulated workspace in memory: channels (DMs included), messages, ephemerals, files,
 * Home views, users and user groups, with the query API the tests and the page read, a
 * change feed, and the snapshot a restart of the local workspace reloads. No HTTP here:
 * the server (server.ts) and the Web API methods (methods.ts) change this state.
 */

export interface EmulatedMessage {
  channel: string;
  /** when it was stored (ms), to merge messages and ephemerals in time order */
  at?: number;
  ts: string;
  text: string;
  blocks?: unknown[];
  /** the parent's ts on a reply (never on the parent itself: its replies are looked up) */
  threadTs?: string;
  user?: string;
  /** set on what the bot posted, as Slack sets bot_id; a person's message has none */
  botId?: string;
  files?: string[];
  /** via a response_url */
  viaResponseUrl?: boolean;
  edited?: boolean;
}

export interface EmulatedEphemeral {
  channel: string;
  ts?: string;
  /** shown in that thread (a click or command in a thread answered there) */
  threadTs?: string;
  at?: number;
  user: string;
  text: string;
  blocks?: unknown[];
  viaResponseUrl?: boolean;
}

export interface EmulatedFile {
  id: string;
  filename: string;
  length: number;
  altText?: string;
  title?: string;
  bytes?: Buffer;
  channel?: string;
  threadTs?: string;
}

export interface EmulatedUser {
  id: string;
  name: string;
  tz?: string;
  /** shown in the local workspace's "act as" picker, e.g. "CRO" or "rep_3" */
  title?: string;
}

export interface EmulatedChannel {
  id: string;
  name: string;
  /** set on a DM: the user the bot talks to */
  user?: string;
  /** false: the bot was not invited (conversations.info `is_member`, posts `not_in_channel`) */
  botMember?: boolean;
  /** a private channel: Slack hides it (channel_not_found) from a bot that is not in it */
  isPrivate?: boolean;
}

/** What Slack reports on a thread's parent: derived from the replies, so never stale. */
export interface ThreadSummary {
  replyCount: number;
  /** the repliers, first reply first, each once */
  replyUsers: string[];
  latestReply: string;
}

/** What a restart of the local workspace keeps: the conversation state, not the call log. */
export interface EmulatorSnapshot {
  version: 1;
  clock: number;
  seq: number;
  channels: EmulatedChannel[];
  messages: EmulatedMessage[];
  ephemerals: EmulatedEphemeral[];
  files: Array<Omit<EmulatedFile, 'bytes'> & { base64?: string }>;
  homeViews: Array<[string, unknown]>;
}

/** The channels and users a workspace starts with. */
export interface WorkspaceSeed {
  channels?: Array<{ id: string; name: string; botMember?: boolean; isPrivate?: boolean }>;
  users?: EmulatedUser[];
  /** bot token -> the scopes its install granted (answered in `x-oauth-scopes`) */
  tokens?: Record<string, readonly string[]>;
}

export class EmulatedWorkspace {
  readonly messages: EmulatedMessage[] = [];
  readonly ephemerals: EmulatedEphemeral[] = [];
  readonly files = new Map<string, EmulatedFile>();
  readonly homeViews = new Map<string, unknown>();
  readonly channels = new Map<string, EmulatedChannel>();
  readonly users = new Map<string, EmulatedUser & { tz: string }>();
  private readonly userGroups = new Map<string, string[]>();
  /** token -> granted scopes; empty = any xoxb- token is accepted with the manifest's scopes */
  readonly tokens = new Map<string, readonly string[]>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  // Slack timestamps are seconds since the epoch; a fixed start keeps test output stable
  private clock = 1_700_000_000;
  private seq = 0;

  constructor(seed: WorkspaceSeed = {}) {
    for (const c of seed.channels ?? [{ id: 'C0GENERAL', name: 'general' }]) {
      this.channels.set(c.id, { ...c });
    }
    for (const u of seed.users ?? [{ id: 'U0ALICE', name: 'alice' }]) {
      this.users.set(u.id, { tz: 'UTC', ...u });
    }
    for (const [token, scopes] of Object.entries(seed.tokens ?? {})) this.grant(token, scopes);
  }

  /** Installs the app with `token` granting `scopes` (a reinstall replaces them). */
  grant(token: string, scopes: readonly string[]): void {
    this.tokens.set(token, [...scopes]);
  }

  /** Invites the bot to a channel, or (false) removes it, as /invite and /kick would. */
  setBotMember(channel: string, member: boolean): void {
    const c = this.channels.get(channel);
    if (!c) throw new Error(`no channel ${channel}`);
    c.botMember = member;
  }

  /** Whether the bot is in the channel (DMs and channels never changed: yes). */
  botIsMember(channel: string): boolean {
    return this.channels.get(channel)?.botMember !== false;
  }

  // ---- changes -------------------------------------------------------------------------

  /** Adds a user after start (the local workspace maps reps to users this way). */
  addUser(user: EmulatedUser): void {
    this.users.set(user.id, { tz: 'UTC', ...user });
    this.changed();
  }

  /** Creates or replaces a user group (id S…) and its members. */
  setUserGroup(id: string, members: string[]): void {
    this.userGroups.set(id, [...members]);
  }

  /** The members of a user group, or undefined for an unknown one. */
  userGroup(id: string): string[] | undefined {
    return this.userGroups.get(id);
  }

  /** The DM channel id between the bot and `user` (created on first use, like Slack). */
  dmWith(user: string): string {
    const id = `D${user.slice(1)}`;
    if (!this.channels.has(id)) {
      this.channels.set(id, { id, name: `dm-${user}`, user });
      this.changed();
    }
    return id;
  }

  /** The channel a Web API `channel` parameter names; throws Slack's error when none. */
  channelOf(p: Record<string, unknown>, key = 'channel'): string {
    const id = String(p[key] ?? '');
    if (!id) throw new Error('channel_not_found');
    // Slack accepts a user id as channel and posts into the DM with that user.
    if (this.users.has(id)) return this.dmWith(id);
    if (!this.channels.has(id)) throw new Error('channel_not_found');
    return id;
  }

  /** A fresh message timestamp, later than every earlier one (restored ones included). */
  nextTs(): string {
    this.clock += 1;
    return `${this.clock}.${String(this.nextSeq()).padStart(6, '0')}`;
  }

  /** A fresh number for ids (files F…, views V…, response_urls R…). */
  nextSeq(): number {
    this.seq += 1;
    return this.seq;
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

  /** Tells the subscribers that the workspace changed. */
  changed(): void {
    this.version += 1;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // a broken listener (a closed page) must not break the API
      }
    }
  }

  /**
   * The ts a reply hangs under: a reply to a reply goes under its parent, as Slack threads
   * it (threads are one level deep). An unknown ts is kept as given: Slack does not refuse it.
   */
  threadParentOf(channel: string, threadTs: string | undefined): string | undefined {
    if (!threadTs) return undefined;
    const named = this.messages.find((m) => m.channel === channel && m.ts === threadTs);
    return named?.threadTs ?? threadTs;
  }

  /**
   * Stores what a person typed (the local page's composer) as that person's message, a
   * reply when `threadTs` is set, and tells the subscribers.
   */
  postAsUser(o: { channel: string; user: string; text: string; threadTs?: string }) {
    if (!this.channels.has(o.channel)) throw new Error('channel_not_found');
    if (!this.users.has(o.user)) throw new Error('user_not_found');
    const threadTs = this.threadParentOf(o.channel, o.threadTs);
    const message: EmulatedMessage = {
      channel: o.channel,
      ts: this.nextTs(),
      text: o.text,
      user: o.user,
      at: Date.now(),
      ...(threadTs ? { threadTs } : {}),
    };
    this.messages.push(message);
    this.changed();
    return message;
  }

  // ---- queries -------------------------------------------------------------------------

  messagesIn(channel: string): EmulatedMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  /** The channel's messages outside threads (parents included), oldest first. */
  topLevelIn(channel: string): EmulatedMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.threadTs);
  }

  /** The replies under the message `ts`, oldest first (none for an unthreaded message). */
  repliesTo(channel: string, ts: string): EmulatedMessage[] {
    return this.messages
      .filter((m) => m.channel === channel && m.threadTs === ts)
      .sort((a, b) => Number(a.ts) - Number(b.ts));
  }

  /** reply_count, reply_users and latest_reply of a parent; undefined without replies. */
  threadSummary(channel: string, ts: string): ThreadSummary | undefined {
    const replies = this.repliesTo(channel, ts);
    const last = replies.at(-1);
    if (!last) return undefined;
    const users = replies.map((r) => r.user ?? r.botId ?? '').filter(Boolean);
    return {
      replyCount: replies.length,
      replyUsers: [...new Set(users)],
      latestReply: last.ts,
    };
  }

  filesIn(channel: string): EmulatedFile[] {
    return [...this.files.values()].filter((f) => f.channel === channel);
  }

  ephemeralsFor(channel: string, user: string): EmulatedEphemeral[] {
    return this.ephemerals.filter((e) => e.channel === channel && e.user === user);
  }

  // ---- snapshot ------------------------------------------------------------------------

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
}
