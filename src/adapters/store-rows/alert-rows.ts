/** The alert log's statuses as the ledger reads them, its event rows and the ledger itself. */
import type { AlertEvent, AlertEventKind } from '../../app/ports/alert-store.js';
import type { AlertLedger, Destination } from '../../domain/alert-rules.js';

export const ALERT_STATUSES = {
  /** statuses that keep a key active until its condition clears */
  active: ['sent', 'over_budget', 'folded'],
  /** statuses of alerts posted: counted against the week's budget, kept current */
  posted: ['sent', 'over_budget'],
};

/** An alert_events row, its kind as the port types it. */
export const eventOf = (row: Omit<AlertEvent, 'kind'> & { kind: string }): AlertEvent => ({
  ...row,
  kind: row.kind as AlertEventKind,
});

/** The ledger from the active keys read and the week's posted counts per destination. */
export const alertLedgerOf = (
  active: ReadonlyArray<{ key: string }>,
  posted: ReadonlyArray<{ destination: string; n: number }>,
): AlertLedger => ({
  activeKeys: new Set(active.map((r) => r.key)),
  postedThisWeek: new Map(posted.map((r) => [r.destination as Destination, r.n])),
});
