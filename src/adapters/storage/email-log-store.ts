/**
 * The EmailLog port on SQLite. A claim is one conditional upsert: a new key is inserted as
 * 'sending'; a key whose last try failed is taken again; a key sent or being sent is left
 * alone. Two instances (or a restart after a crash mid-send) on the same file therefore
 * never both send the same (kind, slot, recipient).
 */
import type { EmailKind, EmailLog, EmailStatus, SentEmail } from '../../app/ports/email-log.js';
import type { Db } from './database.js';
import { promised } from './promised.js';

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

export function sqliteEmailLog(db: Db): EmailLog {
  const sqlite = db.$client;
  const claim = sqlite.prepare(
    `insert into sent_emails (kind, slot, recipient, status, attempts, created_at)
     values (?, ?, ?, 'sending', 0, ?)
     on conflict (kind, slot, recipient) do update set
       status = 'sending', error = null, finished_at = null
     where sent_emails.status = 'failed'`,
  );
  const finish = sqlite.prepare(
    `update sent_emails set status = ?, message_id = ?, error = ?, attempts = attempts + ?,
       finished_at = ?
     where kind = ? and slot = ? and recipient = ?`,
  );
  const recent = sqlite.prepare<[number], Row>(
    'select * from sent_emails order by id desc limit ?',
  );
  const recentOfKind = sqlite.prepare<[string, number], Row>(
    'select * from sent_emails where kind = ? order by id desc limit ?',
  );
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
  return promised<EmailLog>({
    claim: (key, at) =>
      claim.run(key.kind, key.slot, key.recipient, at.toISOString()).changes === 1,
    finish(key, outcome, attempts, at) {
      finish.run(
        outcome.status,
        outcome.status === 'sent' ? outcome.messageId : null,
        outcome.status === 'failed' ? outcome.error : null,
        attempts,
        at.toISOString(),
        key.kind,
        key.slot,
        key.recipient,
      );
    },
    recent: (limit, kind) =>
      (kind ? recentOfKind.all(kind, limit) : recent.all(limit)).map(toEmail),
  });
}
