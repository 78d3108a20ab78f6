/**
 * `dealfit alerts list`: every alert key with where it stands (active, resolved, snoozed
 * until) and its history (sent, folded, edited, resolved, snoozed, feedback), read from the
 * alert log. A repeat while active (`deduped`) and a sweep held back by a snooze
 * (`snoozed`) stay in the log but are not history: the edit or the snooze is.
 */
import type { AlertRow } from '../ports/alert-store.js';
import type { Store } from '../ports/store.js';

export type AlertKeyState = 'active' | 'resolved' | 'not sent';

export interface AlertHistoryEntry {
  at: string;
  event:
    | 'sent'
    | 'over_budget'
    | 'folded'
    | 'post_failed'
    | 'edited'
    | 'resolved'
    | 'snoozed'
    | 'feedback';
  alertId: number;
  /** who (a snooze, feedback) */
  userId?: string;
  /** a snooze's end */
  until?: string;
  detail: string;
}

export interface AlertKeyListing {
  key: string;
  type: string;
  severity: string;
  destination: string;
  title: string;
  state: AlertKeyState;
  /** the snooze still running, if any */
  snoozed: { userId: string; until: string } | null;
  /** the message kept current (active), or the last one posted */
  message: { channel: string; ts: string } | null;
  history: AlertHistoryEntry[];
}

const LOGGED: Record<string, AlertHistoryEntry['event'] | undefined> = {
  sent: 'sent',
  over_budget: 'over_budget',
  folded: 'folded',
  post_failed: 'post_failed',
};
const ACTIVE = new Set(['sent', 'over_budget', 'folded']);

/** Every key, the most recently touched first. */
export async function listAlertKeys(
  store: Pick<Store, 'alerts'>,
  now: string,
): Promise<AlertKeyListing[]> {
  const { alerts, events, feedback } = await store.alerts.history();
  const snoozes = new Map((await store.alerts.snoozes(now)).map((s) => [s.key, s]));
  const byKey = new Map<string, AlertRow[]>();
  for (const row of alerts) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  const keyOf = new Map(alerts.map((a) => [a.id, a.key]));
  const listings = [...byKey].map(([key, rows]): AlertKeyListing => {
    const ids = new Set(rows.map((r) => r.id));
    const history: AlertHistoryEntry[] = [];
    for (const row of rows) {
      const event = LOGGED[row.status];
      if (event) {
        const digest = row.foldedIntoDigest
          ? `; shown in the digest of ${row.foldedIntoDigest}`
          : '';
        history.push({
          at: row.createdAt,
          event,
          alertId: row.id,
          detail: `${row.reason}${digest}`,
        });
      }
    }
    const resolvedEvents = events.filter((e) => e.kind === 'resolved' && ids.has(e.alertId));
    // an episode ends when its rows are cleared; its resolved event (a message) says how
    for (const clearedAt of new Set(rows.flatMap((r) => (r.clearedAt ? [r.clearedAt] : [])))) {
      const episode = rows.filter((r) => r.clearedAt === clearedAt);
      const resolved = resolvedEvents.find((e) => episode.some((r) => r.id === e.alertId));
      history.push({
        at: clearedAt,
        event: 'resolved',
        alertId: resolved?.alertId ?? episode[0]!.id,
        detail: resolved?.detail ?? 'the condition cleared',
      });
    }
    for (const e of events) {
      if (e.kind === 'resolved' || keyOf.get(e.alertId) !== key) continue;
      history.push({
        at: e.at,
        event: e.kind,
        alertId: e.alertId,
        ...(e.userId ? { userId: e.userId } : {}),
        ...(e.until ? { until: e.until } : {}),
        detail: e.detail ?? '',
      });
    }
    for (const f of feedback) {
      if (!ids.has(f.alertId)) continue;
      history.push({
        at: f.createdAt,
        event: 'feedback',
        alertId: f.alertId,
        userId: f.userId,
        detail: f.useful ? 'useful' : 'not useful',
      });
    }
    history.sort((a, b) => a.at.localeCompare(b.at));
    const latest = rows.at(-1)!;
    const active = rows.filter((r) => r.clearedAt === null && ACTIVE.has(r.status));
    const posted = [...rows].reverse().find((r) => r.messageTs && r.channel);
    const living = active.find((r) => r.messageTs && r.channel) ?? posted;
    const snooze = snoozes.get(key);
    return {
      key,
      type: latest.type,
      severity: latest.severity,
      destination: latest.destination,
      title: (JSON.parse(latest.payload) as { title?: string }).title ?? key,
      state: active.length > 0 ? 'active' : rows.some((r) => r.clearedAt) ? 'resolved' : 'not sent',
      snoozed: snooze ? { userId: snooze.userId, until: snooze.until } : null,
      message:
        living?.messageTs && living.channel
          ? { channel: living.channel, ts: living.messageTs }
          : null,
      history,
    };
  });
  const last = (l: AlertKeyListing) => l.history.at(-1)?.at ?? '';
  return listings.sort((a, b) => last(b).localeCompare(last(a)) || a.key.localeCompare(b.key));
}
