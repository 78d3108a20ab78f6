/** The ConversationStore port on PostgreSQL: one row per thread, one per Slack event taken. */
import type { ConversationStore } from '../../app/ports/conversation-store.js';
import { eventsForgottenBefore } from '../../domain/expiry.js';
import { type ThreadRow, threadCells, threadContextOf } from '../store-rows/conversation-rows.js';
import { type PgDb, rows } from './database.js';

export function pgConversationStore(db: PgDb): ConversationStore {
  return {
    async lastReading(key, now) {
      const [row] = await rows<ThreadRow>(
        db.$client,
        `select reading, question, updated_at from conversation_threads
         where team_id = $1 and channel = $2 and thread_ts = $3 and expires_at > $4`,
        [key.team, key.channel, key.thread, now.toISOString()],
      );
      return row ? threadContextOf(row) : null;
    },
    async saveReading(key, context, now, ttlDays) {
      await db.$client.query(
        `insert into conversation_threads
           (team_id, channel, thread_ts, reading, question, updated_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (team_id, channel, thread_ts) do update set
           reading = excluded.reading, question = excluded.question,
           updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
        threadCells(key, context, now, ttlDays),
      );
    },
    // two statements, no transaction (two round trips on the path that acks Slack): the
    // forgetting is housekeeping; the insert-or-skip on the event id's primary key is what
    // makes two instances given the same event at once take it once (the second waits on
    // the first's row, then skips). One statement with the delete in a CTE would not do:
    // its insert still sees the old row it deletes as a conflict.
    async firstDelivery(eventId, now) {
      await db.$client.query('delete from slack_events_seen where seen_at < $1', [
        eventsForgottenBefore(now),
      ]);
      const taken = await db.$client.query(
        'insert into slack_events_seen (event_id, seen_at) values ($1, $2) on conflict do nothing',
        [eventId, now.toISOString()],
      );
      return taken.rowCount === 1;
    },
    async delivered(eventId, now) {
      const found = await rows(
        db.$client,
        'select 1 from slack_events_seen where event_id = $1 and seen_at >= $2',
        [eventId, eventsForgottenBefore(now)],
      );
      return found.length > 0;
    },
    pruneExpired: async (now) =>
      (
        await db.$client.query('delete from conversation_threads where expires_at < $1', [
          now.toISOString(),
        ])
      ).rowCount ?? 0,
  };
}
