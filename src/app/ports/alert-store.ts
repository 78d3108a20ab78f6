/**
 * The alert log behind a port: every alert sent or folded, with why. The ledger read from
 * it drives dedupe (active keys) and the weekly budget (posted per destination per ISO week);
 * the events after an alert went out (edited, resolved, snoozed) and its feedback are its
 * history.
 */
import type { AlertLedger, Severity } from '../../domain/alert-rules.js';

export interface AlertRow {
  id: number;
  key: string;
  type: string;
  severity: Severity;
  destination: string;
  /** 'sent' | 'over_budget' | 'folded' | 'deduped' | 'post_failed' | 'snoozed' */
  status: string;
  reason: string;
  isoWeek: string;
  asOf: string;
  /** the candidate (JSON) */
  payload: string;
  messageTs: string | null;
  /** the channel of its message */
  channel: string | null;
  /** what its message was last rendered from (JSON): an `AlertView` */
  view: string | null;
  foldedIntoDigest: string | null;
  clearedAt: string | null;
  createdAt: string;
}

export type NewAlert = Omit<
  AlertRow,
  'id' | 'messageTs' | 'channel' | 'view' | 'foldedIntoDigest' | 'clearedAt'
> &
  Partial<Pick<AlertRow, 'messageTs' | 'channel' | 'view' | 'foldedIntoDigest' | 'clearedAt'>>;

export interface AlertFeedback {
  alertId: number;
  userId: string;
  useful: boolean;
  createdAt: string;
}

export type AlertEventKind = 'edited' | 'resolved' | 'snoozed';

/** Something that happened to a posted alert: its message edited, resolved, or snoozed. */
export interface AlertEvent {
  id: number;
  /** the alert whose message it concerns */
  alertId: number;
  key: string;
  kind: AlertEventKind;
  /** who (a snooze) */
  userId: string | null;
  /** a snooze's end, an ISO instant */
  until: string | null;
  detail: string | null;
  at: string;
}

export type NewAlertEvent = Pick<AlertEvent, 'alertId' | 'key' | 'kind' | 'at'> &
  Partial<Pick<AlertEvent, 'userId' | 'until' | 'detail'>>;

/** A key's latest snooze that has not ended yet. */
export interface AlertSnooze {
  key: string;
  alertId: number;
  userId: string;
  until: string;
  at: string;
}

/** The whole log, oldest first, for `dealfit alerts list`. */
export interface AlertHistory {
  alerts: AlertRow[];
  events: AlertEvent[];
  feedback: AlertFeedback[];
}

export interface AlertStore {
  ledger(isoWeek: string): Promise<AlertLedger>;
  insert(alert: NewAlert): Promise<AlertRow>;
  /** where the alert's message went, and what it was rendered from */
  setMessage(id: number, message: { channel: string; ts: string }, view: string): Promise<void>;
  /** its message was re-rendered (edited in place, snoozed) from this view */
  setView(id: number, view: string): Promise<void>;
  /** a post that failed: the row stays, with why, and no longer keeps its key active */
  updateStatus(id: number, status: string, reason: string): Promise<void>;
  /** the conditions of these keys cleared: they may alert again */
  clearKeys(keys: string[], clearedAt: string): Promise<void>;
  /** when this key's condition last cleared (an ISO instant), null if it never has */
  lastCleared(key: string): Promise<string | null>;
  /**
   * the message of a key's current episode (not cleared): its first posted alert, the one
   * a later sweep edits in place and resolves
   */
  livingMessage(key: string): Promise<AlertRow | undefined>;
  recordEvent(event: NewAlertEvent): Promise<AlertEvent>;
  /** each key's latest snooze, when it ends after `now` (an ISO instant) */
  snoozes(now: string): Promise<AlertSnooze[]>;
  /** folded alerts not yet shown in a digest */
  listFoldedForDigest(): Promise<AlertRow[]>;
  markFoldedInDigest(ids: number[], digestPeriod: string): Promise<void>;
  find(id: number): Promise<AlertRow | undefined>;
  recordFeedback(feedback: AlertFeedback): Promise<void>;
  /** the latest alerts, newest first */
  list(limit?: number): Promise<AlertRow[]>;
  /** every alert, event and feedback, oldest first */
  history(): Promise<AlertHistory>;
}
