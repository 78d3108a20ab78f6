/** sent_emails rows ↔ the EmailLog port's SentEmail, and a finished send as column values. */
import type {
  EmailKey,
  EmailKind,
  EmailLog,
  EmailStatus,
  SentEmail,
} from '../../app/ports/email-log.js';

export interface SentEmailRow {
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

export const toSentEmail = (r: SentEmailRow): SentEmail => ({
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

/** (kind, slot, recipient): the key's columns, in that order */
export const emailKeyCells = (key: EmailKey): [string, string, string] => [
  key.kind,
  key.slot,
  key.recipient,
];

/** status, message_id, error, the attempts to add, finished_at: in that order */
export const finishCells = (
  outcome: Parameters<EmailLog['finish']>[1],
  attempts: number,
  at: Date,
): [string, string | null, string | null, number, string] => [
  outcome.status,
  outcome.status === 'sent' ? outcome.messageId : null,
  outcome.status === 'failed' ? outcome.error : null,
  attempts,
  at.toISOString(),
];
