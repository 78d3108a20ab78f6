/**
 * What the local workspace page reads and drives, as structural interfaces: the Slack
 * emulator (../slack-emulator) and the scheduler are built by the composition root
 * (../local-mode.ts) and handed in, so this folder never imports them and a test can hand
 * in any emulator.
 */
export interface WorkspaceMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  /** who typed it; a bot's message also has botId */
  user?: string;
  botId?: string;
  files?: string[];
  edited?: boolean;
  at?: number;
}

export interface WorkspaceEphemeral {
  channel: string;
  user: string;
  ts?: string;
  threadTs?: string;
  text: string;
  blocks?: unknown[];
  at?: number;
}

export interface WorkspaceSlack {
  readonly channels: ReadonlyMap<string, { id: string; name: string; user?: string }>;
  readonly users: ReadonlyMap<string, { id: string; name: string; title?: string }>;
  readonly messages: readonly WorkspaceMessage[];
  readonly ephemerals: readonly WorkspaceEphemeral[];
  readonly files: ReadonlyMap<
    string,
    { id: string; filename: string; title?: string; altText?: string; bytes?: Buffer }
  >;
  readonly homeViews: ReadonlyMap<string, unknown>;
  readonly changeCount: number;
  /** the bot: its user id is what a mention names, its name what a person types after @ */
  readonly bot: { userId: string; botId: string; teamId: string; name: string };
  responseUrl(channel: string, user: string, messageTs?: string, threadTs?: string): string;
  dmWith(user: string): string;
  subscribe(listener: () => void): () => void;
  /** stores what a person typed as their message (a reply when threadTs is set) */
  postAsUser(o: {
    channel: string;
    user: string;
    text: string;
    threadTs?: string;
  }): WorkspaceMessage;
  /** a parent's replies as Slack counts them; undefined for a message without replies */
  threadSummary(
    channel: string,
    ts: string,
  ): { replyCount: number; replyUsers: string[]; latestReply: string } | undefined;
}

export interface WorkspaceJob {
  name: string;
  description: string;
  cron: string;
  /** the zone the job's cron runs in (its channels' zone for the digest and the audit) */
  timezone: string;
  /** where it posts: channel ids, and people as `@U123 (America/New_York)` */
  destinations?: string[];
  /** ISO instant */
  nextRun: string | null;
  /** the same instant as the wall clock of `timezone`: `2024-07-01 08:00 Asia/Kolkata` */
  nextRunLocal: string | null;
  lastRun: {
    status: string;
    startedAt: string;
    finishedAt: string | null;
    detail: string | null;
    error: string | null;
  } | null;
}

export interface WorkspaceJobs {
  list(): Promise<WorkspaceJob[]>;
  /** runs the job now; resolves with a one-line outcome */
  runNow(name: string): Promise<{ status: string; text: string }>;
}

export type PersonRole = 'cro' | 'manager' | 'rep';

export interface Person {
  id: string;
  name: string;
  role: PersonRole;
  /** e.g. the rep id a rep user stands for */
  note?: string;
}
