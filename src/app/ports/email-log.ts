/**
 * The record of every email dealfit sent or tried to send (the `sent_emails` table behind
 * a port), one row per (kind, slot, recipient): the digest of the week of 2024-07-01 to
 * cro@example.com, a HIGH alert's episode to ops@example.com. A row is claimed before the
 * message goes out, so a restart, a second instance or a re-run never sends it twice.
 */
export type EmailKind = 'digest' | 'alert';

/** 'sending': claimed, outcome unknown (a crash mid-send): never sent again, to be safe. */
export type EmailStatus = 'sending' | 'sent' | 'failed';

export interface EmailKey {
  kind: EmailKind;
  /** the job slot or alert episode it serves: '2024-07-01', 'job-failed:sync@…' */
  slot: string;
  recipient: string;
}

export interface SentEmail extends EmailKey {
  id: number;
  status: EmailStatus;
  attempts: number;
  messageId: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface EmailLog {
  /**
   * takes the row for this key, atomically: true when this caller may send (no row yet, or
   * an earlier try failed); false when it is sent or being sent
   */
  claim(key: EmailKey, at: Date): Promise<boolean>;
  /** the outcome of a claimed send, with how many attempts it took */
  finish(
    key: EmailKey,
    outcome: { status: 'sent'; messageId: string } | { status: 'failed'; error: string },
    attempts: number,
    at: Date,
  ): Promise<void>;
  /** the latest rows, newest first */
  recent(limit: number, kind?: EmailKind): Promise<SentEmail[]>;
}
