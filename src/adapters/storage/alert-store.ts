/**
 * The alert log: every alert sent or folded, with why. The ledger read from it drives
 * dedupe (active keys) and the weekly budget (posted per destination per ISO week).
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, max, sql } from 'drizzle-orm';
import type {
  AlertEvent,
  AlertFeedback,
  AlertHistory,
  AlertRow,
  AlertSnooze,
  AlertStore,
  NewAlert,
  NewAlertEvent,
} from '../../app/ports/alert-store.js';
import type { AlertLedger } from '../../domain/alert-rules.js';
import { ALERT_STATUSES, alertLedgerOf, eventOf } from '../store-rows/alert-rows.js';
import type { PortRows } from '../store-rows/same-shape.js';
import type { Db } from './database.js';
import { promised } from './promised.js';
import { alertEvents, alertFeedback, alerts } from './schema.js';

// the port's plain rows and the table's drizzle types must stay the same shape
const rowsMatch: PortRows<AlertRow, NewAlert, typeof alerts> = true;
void rowsMatch;

export function readAlertLedger(db: Db, isoWeek: string): AlertLedger {
  const active = db
    .selectDistinct({ key: alerts.key })
    .from(alerts)
    .where(and(isNull(alerts.clearedAt), inArray(alerts.status, ALERT_STATUSES.active)))
    .all();
  const posted = db
    .select({ destination: alerts.destination, n: sql<number>`count(*)` })
    .from(alerts)
    .where(and(eq(alerts.isoWeek, isoWeek), inArray(alerts.status, ALERT_STATUSES.posted)))
    .groupBy(alerts.destination)
    .all();
  return alertLedgerOf(active, posted);
}

export function insertAlert(db: Db, alert: NewAlert): AlertRow {
  return db.insert(alerts).values(alert).returning().get();
}

export function setAlertMessage(
  db: Db,
  id: number,
  message: { channel: string; ts: string },
  view: string,
): void {
  db.update(alerts)
    .set({ messageTs: message.ts, channel: message.channel, view })
    .where(eq(alerts.id, id))
    .run();
}

export function setAlertView(db: Db, id: number, view: string): void {
  db.update(alerts).set({ view }).where(eq(alerts.id, id)).run();
}

/** The first posted alert of the key's episode that has not cleared: the one kept current. */
export function livingAlertMessage(db: Db, key: string): AlertRow | undefined {
  return db
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.key, key),
        isNull(alerts.clearedAt),
        inArray(alerts.status, ALERT_STATUSES.posted),
        isNotNull(alerts.messageTs),
      ),
    )
    .orderBy(asc(alerts.id))
    .limit(1)
    .get();
}

export function recordAlertEvent(db: Db, event: NewAlertEvent): AlertEvent {
  return eventOf(db.insert(alertEvents).values(event).returning().get());
}

/** Each key's latest snooze (the last click wins), when it ends after `now`. */
export function activeSnoozes(db: Db, now: string): AlertSnooze[] {
  const latest = db
    .select({ id: max(alertEvents.id) })
    .from(alertEvents)
    .where(eq(alertEvents.kind, 'snoozed'))
    .groupBy(alertEvents.key);
  return db
    .select({
      key: alertEvents.key,
      alertId: alertEvents.alertId,
      userId: sql<string>`${alertEvents.userId}`,
      until: sql<string>`${alertEvents.until}`,
      at: alertEvents.at,
    })
    .from(alertEvents)
    .where(and(inArray(alertEvents.id, latest), gt(alertEvents.until, now)))
    .orderBy(asc(alertEvents.id))
    .all();
}

export function readAlertHistory(db: Db): AlertHistory {
  return {
    alerts: db.select().from(alerts).orderBy(asc(alerts.id)).all(),
    events: db.select().from(alertEvents).orderBy(asc(alertEvents.id)).all().map(eventOf),
    feedback: db
      .select({
        alertId: alertFeedback.alertId,
        userId: alertFeedback.userId,
        useful: alertFeedback.useful,
        createdAt: alertFeedback.createdAt,
      })
      .from(alertFeedback)
      .orderBy(asc(alertFeedback.id))
      .all(),
  };
}

export function clearAlertKeys(db: Db, keys: string[], clearedAt: string): void {
  if (keys.length === 0) return;
  db.update(alerts)
    .set({ clearedAt })
    .where(and(inArray(alerts.key, keys), isNull(alerts.clearedAt)))
    .run();
}

/** When a key's condition last cleared: the newest `cleared_at` of its rows. */
export function lastClearedAt(db: Db, key: string): string | null {
  const row = db
    .select({ at: max(alerts.clearedAt) })
    .from(alerts)
    .where(eq(alerts.key, key))
    .get();
  return row?.at ?? null;
}

/** Folded alerts not yet shown in a digest. */
export function listFoldedForDigest(db: Db): AlertRow[] {
  return db
    .select()
    .from(alerts)
    .where(and(eq(alerts.status, 'folded'), isNull(alerts.foldedIntoDigest)))
    .all();
}

export function markFoldedInDigest(db: Db, ids: number[], digestPeriod: string): void {
  if (ids.length === 0) return;
  db.update(alerts).set({ foldedIntoDigest: digestPeriod }).where(inArray(alerts.id, ids)).run();
}

export function findAlert(db: Db, id: number): AlertRow | undefined {
  return db.select().from(alerts).where(eq(alerts.id, id)).get();
}

export function recordAlertFeedback(db: Db, feedback: AlertFeedback): void {
  db.insert(alertFeedback).values(feedback).run();
}

/** A post that failed: the row stays, with why, and no longer keeps its key active. */
export function updateAlertStatus(db: Db, id: number, status: string, reason: string): void {
  db.update(alerts).set({ status, reason }).where(eq(alerts.id, id)).run();
}

/** The latest alerts, newest first (the alert log in the CLI and the digest). */
export function listAlerts(db: Db, limit = 100): AlertRow[] {
  return db.select().from(alerts).orderBy(desc(alerts.id)).limit(limit).all();
}

export function sqliteAlertStore(db: Db): AlertStore {
  return promised<AlertStore>({
    ledger: (isoWeek) => readAlertLedger(db, isoWeek),
    insert: (alert) => insertAlert(db, alert),
    setMessage: (id, message, view) => setAlertMessage(db, id, message, view),
    setView: (id, view) => setAlertView(db, id, view),
    livingMessage: (key) => livingAlertMessage(db, key),
    recordEvent: (event) => recordAlertEvent(db, event),
    snoozes: (now) => activeSnoozes(db, now),
    history: () => readAlertHistory(db),
    updateStatus: (id, status, reason) => updateAlertStatus(db, id, status, reason),
    clearKeys: (keys, clearedAt) => clearAlertKeys(db, keys, clearedAt),
    lastCleared: (key) => lastClearedAt(db, key),
    listFoldedForDigest: () => listFoldedForDigest(db),
    markFoldedInDigest: (ids, digestPeriod) => markFoldedInDigest(db, ids, digestPeriod),
    find: (id) => findAlert(db, id),
    recordFeedback: (feedback) => recordAlertFeedback(db, feedback),
    list: (limit) => listAlerts(db, limit),
  });
}
