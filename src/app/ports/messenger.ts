/**
 * Sending messages and drawing charts, as the use cases need them. The Slack messenger and
 * the chart renderer implement them; only the wiring (src/wiring) hands them in.
 */
import type { QuestionChart } from '../conversation/question-answer.js';
import type { AuditResult, WinRateResult } from '../queries/query-results.js';

/** A rendered chart. */
export interface Png {
  data: Buffer;
  width: number;
  height: number;
}

export interface ChartRenderer {
  winRateBySegment(report: WinRateResult): Promise<Png>;
  winRateTrend(report: WinRateResult): Promise<Png>;
  fitHeatmap(report: AuditResult): Promise<Png>;
  /** the chart of an answer to a question in plain words */
  questionChart(chart: QuestionChart): Promise<Png>;
}

/** A Slack-like message: fallback text plus Block Kit blocks (opaque to the app layer). */
export interface OutgoingMessage {
  text: string;
  blocks?: unknown[];
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

/** Where dealfit's messages go (Slack in production; the fake/emulator in tests). */
export interface Messenger {
  post(
    channel: string,
    message: OutgoingMessage,
    options?: { threadTs?: string },
  ): Promise<PostedMessage>;
  update(target: PostedMessage, message: OutgoingMessage): Promise<void>;
  ephemeral(channel: string, user: string, message: OutgoingMessage): Promise<void>;
  /** opens (or reuses) the DM with a user and posts there */
  dm(user: string, message: OutgoingMessage): Promise<PostedMessage>;
  uploadPng(
    target: { channel: string; threadTs?: string },
    png: Png,
    meta: { filename: string; title: string; altText: string; comment?: string },
  ): Promise<{ fileId: string }>;
}
