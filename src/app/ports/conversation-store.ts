/**
 * Where conversations with dealfit keep their context: the last reading of each thread (so
 * "and in APAC?" refines the question before it, across restarts) and the Slack events
 * already answered (so a retried delivery is answered once). The storage adapter
 * implements it.
 */
import type { Understood } from '../conversation/understood.js';

/** A conversation: workspace, channel, and thread ('' for the top level of a DM). */
export interface ThreadKey {
  team: string;
  channel: string;
  thread: string;
}

export interface ThreadContext {
  reading: Understood;
  question: string;
  updatedAt: string;
}

export interface ConversationStore {
  /** the thread's last reading, unless it has expired at `now` */
  lastReading(key: ThreadKey, now: Date): Promise<ThreadContext | null>;
  /** stores the thread's new last reading; it expires `ttlDays` after `now` */
  saveReading(key: ThreadKey, context: ThreadContext, now: Date, ttlDays: number): Promise<void>;
  /**
   * true the first time `eventId` is seen, false for every later delivery (atomic: two
   * deliveries at once get one true). Ids older than a day are forgotten.
   */
  firstDelivery(eventId: string, now: Date): Promise<boolean>;
  /** whether `eventId` was taken (and not yet forgotten), without taking it */
  delivered(eventId: string, now: Date): Promise<boolean>;
  /** drops expired readings; returns how many */
  pruneExpired(now: Date): Promise<number>;
}
