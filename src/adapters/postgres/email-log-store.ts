/**
 * The EmailLog port on PostgreSQL: a claim is one conditional upsert, as on SQLite, so two
 * instances never both send the same (kind, slot, recipient).
 */
import type { EmailLog } from '../../app/ports/email-log.js';
import {
  emailKeyCells,
  finishCells,
  type SentEmailRow,
  toSentEmail,
} from '../store-rows/email-rows.js';
import { type PgDb, rows } from './database.js';

export function pgEmailLog(db: PgDb): EmailLog {
  return {
    claim: async (key, at) =>
      (
        await db.$client.query(
          `insert into sent_emails (kind, slot, recipient, status, attempts, created_at)
           values ($1, $2, $3, 'sending', 0, $4)
           on conflict (kind, slot, recipient) do update set
             status = 'sending', error = null, finished_at = null
           where sent_emails.status = 'failed'`,
          [...emailKeyCells(key), at.toISOString()],
        )
      ).rowCount === 1,
    async finish(key, outcome, attempts, at) {
      await db.$client.query(
        `update sent_emails set status = $1, message_id = $2, error = $3,
           attempts = attempts + $4, finished_at = $5
         where kind = $6 and slot = $7 and recipient = $8`,
        [...finishCells(outcome, attempts, at), ...emailKeyCells(key)],
      );
    },
    recent: async (limit, kind) =>
      (kind
        ? await rows<SentEmailRow>(
            db.$client,
            'select * from sent_emails where kind = $1 order by id desc limit $2',
            [kind, limit],
          )
        : await rows<SentEmailRow>(
            db.$client,
            'select * from sent_emails order by id desc limit $1',
            [limit],
          )
      ).map(toSentEmail),
  };
}
