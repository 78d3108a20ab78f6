/** The ConversationStore port on PostgreSQL: one row per thread, one per Slack event taken. */
import type { Understood } from '../../app/conversation/understood.js';
import type { ConversationStore } from '../../app/ports/conversation-store.js';
import { type PgDb, rows } from './database.js';

const DAY_MS = 86_400_000;
/** Slack retries an event for about an hour at most: a day of ids is plenty */
const EVENT_MEMORY_MS = DAY_MS;

export function pgConversationStore(db: PgDb): ConversationStore {
  return {
    async lastReading(key, now) {
      const [row] = await rows<{ reading: string; question: string; updated_at: string }>(
        db.$client,
        `select reading, question, updated_at from conversation_threads
         where team_id = $1 and channel = $2 and thread_ts = $3 and expires_at > $4`,
        [key.team, key.channel, key.thread, now.toISOString()],
      );
      if (!row) return null;
      return {
        reading: JSON.parse(row.reading) as Understood,
        question: row.question,
        updatedAt: row.updated_at,
      };
    },
    async saveReading(key, context, now, ttlDays) {
      await db.$client.query(
        `insert into conversation_threads
           (team_id, channel, thread_ts, reading, question, updated_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (team_id, channel, thread_ts) do update set
           reading = excluded.reading, question = excluded.question,
           updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
        [
          key.team,
          key.channel,
          key.thread,
          JSON.stringify(context.reading),
          context.question,
          context.updatedAt,
          new Date(now.getTime() + ttlDays * DAY_MS).toISOString(),
        ],
      );
    },
    // two statements, no transaction (two round trips on the path that acks Slack): the
    // forgetting is housekeeping; the insert-or-skip on the event id's primary key is what
    // makes two instances given the same event at once take it once (the second waits on
    // the first's row, then skips). One statement with the delete in a CTE would not do:
    // its insert still sees the old row it deletes as a conflict.
    async firstDelivery(eventId, now) {
      await db.$client.query('delete from slack_events_seen where seen_at < $1', [
        new Date(now.getTime() - EVENT_MEMORY_MS).toISOString(),
      ]);
      const taken = await db.$client.query(
        'insert into slack_events_seen (event_id, seen_at) values ($1, $2) on conflict do nothing',
        [eventId, now.toISOString()],
      );
      return taken.rowCount === 1;
    },
    pruneExpired: async (now) =>
      (
        await db.$client.query('delete from conversation_threads where expires_at < $1', [
          now.toISOString(),
        ])
      ).rowCount ?? 0,
  };
}
