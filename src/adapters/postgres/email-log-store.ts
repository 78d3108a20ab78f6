/**
 * The EmailLog port on PostgreSQL: a claim is one conditional upsert, as on SQLite, so two
 * instances never both send the same (kind, slot, recipient).
 */
import type { EmailKind, EmailLog, EmailStatus, SentEmail } from '../../app/ports/email-log.js';
import { type PgDb, rows } from './database.js';

interface Row {
  id: number;
  kind: EmailKind;
  slot: string;
  recipient: string;
  status: EmailStatus;
  attempts: number;
  message_id: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

const toEmail = (r: Row): SentEmail => ({
  id: r.id,
  kind: r.kind,
  slot: r.slot,
  recipient: r.recipient,
  status: r.status,
  attempts: r.attempts,
  messageId: r.message_id,
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

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
          [key.kind, key.slot, key.recipient, at.toISOString()],
        )
      ).rowCount === 1,
    async finish(key, outcome, attempts, at) {
      await db.$client.query(
        `update sent_emails set status = $1, message_id = $2, error = $3,
           attempts = attempts + $4, finished_at = $5
         where kind = $6 and slot = $7 and recipient = $8`,
        [
          outcome.status,
          outcome.status === 'sent' ? outcome.messageId : null,
          outcome.status === 'failed' ? outcome.error : null,
          attempts,
          at.toISOString(),
          key.kind,
          key.slot,
          key.recipient,
        ],
      );
    },
    recent: async (limit, kind) =>
      (kind
        ? await rows<Row>(
            db.$client,
            'select * from sent_emails where kind = $1 order by id desc limit $2',
            [kind, limit],
          )
        : await rows<Row>(db.$client, 'select * from sent_emails order by id desc limit $1', [
            limit,
          ])
      ).map(toEmail),
  };
}
