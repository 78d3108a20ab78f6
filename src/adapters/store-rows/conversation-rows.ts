/** conversation_threads rows ↔ the ConversationStore port's ThreadKey and ThreadContext. */
import type { ThreadContext, ThreadKey } from '../../app/ports/conversation-store.js';
import { readingExpiresAt } from '../../domain/expiry.js';

export interface ThreadRow {
  reading: string;
  question: string;
  updated_at: string;
}

/** team_id, channel, thread_ts, reading, question, updated_at, expires_at: in that order */
export const threadCells = (
  key: ThreadKey,
  context: ThreadContext,
  now: Date,
  ttlDays: number,
): string[] => [
  key.team,
  key.channel,
  key.thread,
  JSON.stringify(context.reading),
  context.question,
  context.updatedAt,
  readingExpiresAt(now, ttlDays),
];

export const threadContextOf = (row: ThreadRow): ThreadContext => ({
  reading: JSON.parse(row.reading) as ThreadContext['reading'],
  question: row.question,
  updatedAt: row.updated_at,
});
