/**
 * The alert log behind a port: every alert sent or folded, with why. The ledger read from
 * it drives dedupe (active keys) and the weekly budget (posted per destination per ISO week).
 */
import type { AlertLedger, Severity } from '../../domain/alert-rules.js';

export interface AlertRow {
  id: number;
  key: string;
  type: string;
  severity: Severity;
  destination: string;
  /** 'sent' | 'over_budget' | 'folded' | 'deduped' | 'post_failed' */
  status: string;
  reason: string;
  isoWeek: string;
  asOf: string;
  /** the candidate (JSON) */
  payload: string;
  messageTs: string | null;
  foldedIntoDigest: string | null;
  clearedAt: string | null;
  createdAt: string;
}

export type NewAlert = Omit<AlertRow, 'id' | 'messageTs' | 'foldedIntoDigest' | 'clearedAt'> &
  Partial<Pick<AlertRow, 'messageTs' | 'foldedIntoDigest' | 'clearedAt'>>;

export interface AlertFeedback {
  alertId: number;
  userId: string;
  useful: boolean;
  createdAt: string;
}

export interface AlertStore {
  ledger(isoWeek: string): AlertLedger;
  insert(alert: NewAlert): AlertRow;
  setMessage(id: number, messageTs: string): void;
  /** a post that failed: the row stays, with why, and no longer keeps its key active */
  updateStatus(id: number, status: string, reason: string): void;
  /** the conditions of these keys cleared: they may alert again */
  clearKeys(keys: string[], clearedAt: string): void;
  /** folded alerts not yet shown in a digest */
  listFoldedForDigest(): AlertRow[];
  markFoldedInDigest(ids: number[], digestPeriod: string): void;
  find(id: number): AlertRow | undefined;
  recordFeedback(feedback: AlertFeedback): void;
  /** the latest alerts, newest first */
  list(limit?: number): AlertRow[];
}
