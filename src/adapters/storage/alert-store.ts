/**
 * The alert log: every alert sent or folded, with why. The ledger read from it drives
 * dedupe (active keys) and the weekly budget (posted per destination per ISO week).
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AlertFeedback, AlertRow, AlertStore, NewAlert } from '../../app/ports/alert-store.js';
import type { AlertLedger, Destination } from '../../domain/alert-rules.js';
import type { Db } from './database.js';
import { alertFeedback, alerts } from './schema.js';

// The port's plain rows and the table's drizzle types must stay the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const rowsMatch: Same<AlertRow, typeof alerts.$inferSelect> = true;
void rowsMatch;
const newMatches: NewAlert extends typeof alerts.$inferInsert ? true : never = true;
void newMatches;

/** Statuses that keep a key active until its condition clears. */
const ACTIVE_STATUSES = ['sent', 'over_budget', 'folded'];
const POSTED_STATUSES = ['sent', 'over_budget'];

export function readAlertLedger(db: Db, isoWeek: string): AlertLedger {
  const active = db
    .selectDistinct({ key: alerts.key })
    .from(alerts)
    .where(and(isNull(alerts.clearedAt), inArray(alerts.status, ACTIVE_STATUSES)))
    .all();
  const posted = db
    .select({ destination: alerts.destination, n: sql<number>`count(*)` })
    .from(alerts)
    .where(and(eq(alerts.isoWeek, isoWeek), inArray(alerts.status, POSTED_STATUSES)))
    .groupBy(alerts.destination)
    .all();
  return {
    activeKeys: new Set(active.map((r) => r.key)),
    postedThisWeek: new Map(posted.map((r) => [r.destination as Destination, r.n])),
  };
}

export function insertAlert(db: Db, alert: NewAlert): AlertRow {
  return db.insert(alerts).values(alert).returning().get();
}

export function setAlertMessage(db: Db, id: number, messageTs: string): void {
  db.update(alerts).set({ messageTs }).where(eq(alerts.id, id)).run();
}

export function clearAlertKeys(db: Db, keys: string[], clearedAt: string): void {
  if (keys.length === 0) return;
  db.update(alerts)
    .set({ clearedAt })
    .where(and(inArray(alerts.key, keys), isNull(alerts.clearedAt)))
    .run();
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
  return {
    ledger: (isoWeek) => readAlertLedger(db, isoWeek),
    insert: (alert) => insertAlert(db, alert),
    setMessage: (id, messageTs) => setAlertMessage(db, id, messageTs),
    updateStatus: (id, status, reason) => updateAlertStatus(db, id, status, reason),
    clearKeys: (keys, clearedAt) => clearAlertKeys(db, keys, clearedAt),
    listFoldedForDigest: () => listFoldedForDigest(db),
    markFoldedInDigest: (ids, digestPeriod) => markFoldedInDigest(db, ids, digestPeriod),
    find: (id) => findAlert(db, id),
    recordFeedback: (feedback) => recordAlertFeedback(db, feedback),
    list: (limit) => listAlerts(db, limit),
  };
}
