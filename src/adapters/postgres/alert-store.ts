/**
 * The alert log on PostgreSQL: the SQLite alert store's queries (adapters/storage/
 * alert-store.ts) through drizzle's PostgreSQL dialect.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, max, sql } from 'drizzle-orm';
import type { AlertRow, AlertStore, NewAlert } from '../../app/ports/alert-store.js';
import { ALERT_STATUSES, alertLedgerOf, eventOf } from '../store-rows/alert-rows.js';
import type { PortRows } from '../store-rows/same-shape.js';
import type { PgDb } from './database.js';
import { alertEvents, alertFeedback, alerts } from './schema.js';

// the port's plain rows and the table's drizzle types must stay the same shape
const rowsMatch: PortRows<AlertRow, NewAlert, typeof alerts> = true;
void rowsMatch;

export function pgAlertStore(db: PgDb): AlertStore {
  return {
    async ledger(isoWeek) {
      const active = await db
        .selectDistinct({ key: alerts.key })
        .from(alerts)
        .where(and(isNull(alerts.clearedAt), inArray(alerts.status, ALERT_STATUSES.active)));
      const posted = await db
        .select({ destination: alerts.destination, n: count() })
        .from(alerts)
        .where(and(eq(alerts.isoWeek, isoWeek), inArray(alerts.status, ALERT_STATUSES.posted)))
        .groupBy(alerts.destination);
      return alertLedgerOf(active, posted);
    },
    insert: async (alert) => (await db.insert(alerts).values(alert).returning())[0]!,
    async setMessage(id, message, view) {
      await db
        .update(alerts)
        .set({ messageTs: message.ts, channel: message.channel, view })
        .where(eq(alerts.id, id));
    },
    async setView(id, view) {
      await db.update(alerts).set({ view }).where(eq(alerts.id, id));
    },
    async updateStatus(id, status, reason) {
      await db.update(alerts).set({ status, reason }).where(eq(alerts.id, id));
    },
    async clearKeys(keys, clearedAt) {
      if (keys.length === 0) return;
      await db
        .update(alerts)
        .set({ clearedAt })
        .where(and(inArray(alerts.key, keys), isNull(alerts.clearedAt)));
    },
    async lastCleared(key) {
      const [row] = await db
        .select({ at: max(alerts.clearedAt) })
        .from(alerts)
        .where(eq(alerts.key, key));
      return row?.at ?? null;
    },
    async livingMessage(key) {
      const [row] = await db
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
        .limit(1);
      return row;
    },
    recordEvent: async (event) =>
      eventOf((await db.insert(alertEvents).values(event).returning())[0]!),
    async snoozes(now) {
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
        .orderBy(asc(alertEvents.id));
    },
    listFoldedForDigest: () =>
      db
        .select()
        .from(alerts)
        .where(and(eq(alerts.status, 'folded'), isNull(alerts.foldedIntoDigest)))
        // SQLite's table order (rowid) without an ORDER BY: said here
        .orderBy(asc(alerts.id)),
    async markFoldedInDigest(ids, digestPeriod) {
      if (ids.length === 0) return;
      await db
        .update(alerts)
        .set({ foldedIntoDigest: digestPeriod })
        .where(inArray(alerts.id, ids));
    },
    find: async (id) => (await db.select().from(alerts).where(eq(alerts.id, id)))[0],
    async recordFeedback(feedback) {
      await db.insert(alertFeedback).values(feedback);
    },
    list: (limit = 100) => db.select().from(alerts).orderBy(desc(alerts.id)).limit(limit),
    async history() {
      return {
        alerts: await db.select().from(alerts).orderBy(asc(alerts.id)),
        events: (await db.select().from(alertEvents).orderBy(asc(alertEvents.id))).map(eventOf),
        feedback: await db
          .select({
            alertId: alertFeedback.alertId,
            userId: alertFeedback.userId,
            useful: alertFeedback.useful,
            createdAt: alertFeedback.createdAt,
          })
          .from(alertFeedback)
          .orderBy(asc(alertFeedback.id)),
      };
    },
  };
}
