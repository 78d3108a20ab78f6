/** The ConversationStore port on SQLite: one row per thread, one per Slack event taken. */
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Understood } from '../../app/conversation/understood.js';
import type { ConversationStore } from '../../app/ports/conversation-store.js';
import type { Db } from './database.js';
import { conversationThreads, slackEventsSeen } from './schema.js';

const DAY_MS = 86_400_000;
/** Slack retries an event for about an hour at most: a day of ids is plenty */
const EVENT_MEMORY_MS = DAY_MS;

export function sqliteConversationStore(db: Db): ConversationStore {
  const where = (key: { team: string; channel: string; thread: string }) =>
    and(
      eq(conversationThreads.teamId, key.team),
      eq(conversationThreads.channel, key.channel),
      eq(conversationThreads.threadTs, key.thread),
    );
  return {
    lastReading(key, now) {
      const row = db
        .select()
        .from(conversationThreads)
        .where(and(where(key), gt(conversationThreads.expiresAt, now.toISOString())))
        .get();
      if (!row) return null;
      return {
        reading: JSON.parse(row.reading) as Understood,
        question: row.question,
        updatedAt: row.updatedAt,
      };
    },
    saveReading(key, context, now, ttlDays) {
      const values = {
        reading: JSON.stringify(context.reading),
        question: context.question,
        updatedAt: context.updatedAt,
        expiresAt: new Date(now.getTime() + ttlDays * DAY_MS).toISOString(),
      };
      db.insert(conversationThreads)
        .values({ teamId: key.team, channel: key.channel, threadTs: key.thread, ...values })
        .onConflictDoUpdate({
          target: [
            conversationThreads.teamId,
            conversationThreads.channel,
            conversationThreads.threadTs,
          ],
          set: values,
        })
        .run();
    },
    firstDelivery(eventId, now) {
      return db.transaction((tx) => {
        tx.delete(slackEventsSeen)
          .where(
            lt(slackEventsSeen.seenAt, new Date(now.getTime() - EVENT_MEMORY_MS).toISOString()),
          )
          .run();
        const inserted = tx
          .insert(slackEventsSeen)
          .values({ eventId, seenAt: now.toISOString() })
          .onConflictDoNothing()
          .run();
        return inserted.changes === 1;
      });
    },
    pruneExpired(now) {
      return db
        .delete(conversationThreads)
        .where(lt(conversationThreads.expiresAt, now.toISOString()))
        .run().changes;
    },
  };
}
