/**
 * The EmailLog port on SQLite. A claim is one conditional upsert: a new key is inserted as
 * 'sending'; a key whose last try failed is taken again; a key sent or being sent is left
 * alone. Two instances (or a restart after a crash mid-send) on the same file therefore
 * never both send the same (kind, slot, recipient).
 */
import type { EmailLog } from '../../app/ports/email-log.js';
import {
  emailKeyCells,
  finishCells,
  type SentEmailRow,
  toSentEmail,
} from '../store-rows/email-rows.js';
import type { Db } from './database.js';
import { promised } from './promised.js';

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
  const recent = sqlite.prepare<[number], SentEmailRow>(
    'select * from sent_emails order by id desc limit ?',
  );
  const recentOfKind = sqlite.prepare<[string, number], SentEmailRow>(
    'select * from sent_emails where kind = ? order by id desc limit ?',
  );
  return promised<EmailLog>({
    claim: (key, at) => claim.run(...emailKeyCells(key), at.toISOString()).changes === 1,
    finish(key, outcome, attempts, at) {
      finish.run(...finishCells(outcome, attempts, at), ...emailKeyCells(key));
    },
    recent: (limit, kind) =>
      (kind ? recentOfKind.all(kind, limit) : recent.all(limit)).map(toSentEmail),
  });
}
