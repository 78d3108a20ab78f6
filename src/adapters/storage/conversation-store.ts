/**
 * The ConversationStore port on SQLite: one row per thread, one per Slack event taken.
 * Every call runs on the main thread while Slack waits for acks, so the statements are
 * prepared once (drizzle would rebuild and re-prepare them on each call).
 */
import type { ConversationStore } from '../../app/ports/conversation-store.js';
import { eventsForgottenBefore } from '../../domain/expiry.js';
import { type ThreadRow, threadCells, threadContextOf } from '../store-rows/conversation-rows.js';
import type { Db } from './database.js';
import { promised } from './promised.js';

export function sqliteConversationStore(db: Db): ConversationStore {
  const sqlite = db.$client;
  const read = sqlite.prepare<[string, string, string, string], ThreadRow>(
    `select reading, question, updated_at from conversation_threads
     where team_id = ? and channel = ? and thread_ts = ? and expires_at > ?`,
  );
  const save = sqlite.prepare(
    `insert into conversation_threads
       (team_id, channel, thread_ts, reading, question, updated_at, expires_at)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (team_id, channel, thread_ts) do update set
       reading = excluded.reading, question = excluded.question,
       updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
  );
  const forget = sqlite.prepare('delete from slack_events_seen where seen_at < ?');
  const take = sqlite.prepare(
    'insert into slack_events_seen (event_id, seen_at) values (?, ?) on conflict do nothing',
  );
  const prune = sqlite.prepare('delete from conversation_threads where expires_at < ?');
  const seen = sqlite.prepare<[string, string]>(
    'select 1 from slack_events_seen where event_id = ? and seen_at >= ?',
  );
  const firstDelivery = sqlite.transaction((eventId: string, now: Date) => {
    forget.run(eventsForgottenBefore(now));
    return take.run(eventId, now.toISOString()).changes === 1;
  });
  return promised<ConversationStore>({
    lastReading(key, now) {
      const row = read.get(key.team, key.channel, key.thread, now.toISOString());
      return row ? threadContextOf(row) : null;
    },
    saveReading(key, context, now, ttlDays) {
      save.run(threadCells(key, context, now, ttlDays));
    },
    firstDelivery: (eventId, now) => firstDelivery(eventId, now),
    delivered: (eventId, now) => seen.get(eventId, eventsForgottenBefore(now)) !== undefined,
    pruneExpired: (now) => prune.run(now.toISOString()).changes,
  });
}
