/**
 * One living message per alert (metrics.md "Alerts"): what its message shows besides the
 * figures (still active, resolved, snoozed), the figure "now" when it resolves, and the
 * clicks on it (snooze, feedback), each acknowledged in the alert's thread rather than in a
 * new top-level post.
 */
import type { AlertCandidate } from '../../domain/alert-rules.js';
import type { ModelDrift } from '../../domain/model-drift.js';
import type { VolumeSpike } from '../../domain/volume-spike.js';
import type { AlertRow } from '../ports/alert-store.js';
import type { Messenger, OutgoingMessage } from '../ports/messenger.js';
import type { Store } from '../ports/store.js';
import type { MomentumResult, WinRateResult } from '../queries/query-results.js';

/** What an alert message is built from; the Slack adapter turns it into Block Kit. */
export type AlertView =
  | {
      kind: 'winrate-threshold';
      alertId: number;
      candidate: AlertCandidate;
      report: WinRateResult;
      threshold: number;
    }
  | {
      kind: 'negative-momentum';
      alertId: number;
      candidate: AlertCandidate;
      report: MomentumResult;
    }
  | { kind: 'ops'; alertId: number; candidate: AlertCandidate; asOf: string | null };

/** Where the alert stands, shown on its message under the header. */
export interface AlertState {
  /** the day it was first sent (YYYY-MM-DD) */
  since: string;
  /** a later sweep found it still active on data as of this date */
  stillActiveAsOf?: string;
  /** its condition cleared on `on`; `now` is the figure then, in words */
  resolved?: { on: string; now: string };
  /** nobody is told about it again before `until` (an ISO instant) */
  snoozed?: { userId: string; until: string };
}

/** With no state: the message as first posted. */
export type RenderAlert = (view: AlertView, state?: AlertState) => OutgoingMessage;

/** What a living message was last rendered from: stored with the alert (its `view`). */
export interface AlertRendering {
  view: AlertView;
  state: AlertState;
}

export function readRendering(alert: AlertRow): AlertRendering | null {
  return alert.view === null ? null : (JSON.parse(alert.view) as AlertRendering);
}

/** The figures a sweep read, as far as "now" on a resolved alert needs them. */
export interface NowFigures {
  asOf: string | null;
  winRate?: WinRateResult | null;
  momentum?: MomentumResult | null;
  volumeSpike?: VolumeSpike;
  modelDrift?: ModelDrift | null;
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

/** The alert's figure once its condition cleared, in words: "Resolved on … (now …)". */
export function figureNow(key: string, figures: NowFigures): string {
  const [type, ...rest] = key.split(':');
  if (type === 'winrate-threshold' && figures.winRate) {
    const o = figures.winRate.overall;
    return `rolling 90-day win rate ${pct(o.rate)}, n = ${o.n}`;
  }
  if (type === 'negative-momentum' && figures.momentum) {
    const [dimension, value] = [rest[0], rest.slice(1).join(':')];
    const s = figures.momentum.segments.find((x) => x.dimension === dimension && x.value === value);
    const quarter = figures.momentum.quarter;
    return s
      ? `SMI ${s.smi.toFixed(3)}, win rate ${pct(s.current.rate)} (n = ${s.current.n}) in ${quarter}, no significant decline`
      : `no significant decline in ${quarter}`;
  }
  if (type === 'volume-spike' && figures.volumeSpike) {
    const v = figures.volumeSpike;
    return `${v.count} deals created in the week of ${v.week.from}, median ${v.median}: no spike`;
  }
  if (type === 'model-drift' && figures.modelDrift !== undefined) {
    const d = figures.modelDrift;
    if (!d) return 'no driver model to check';
    if (d.version !== rest.join(':')) return `model ${d.version} is in use now`;
    return `observed ${pct(d.observed)} against ${pct(d.predicted)} predicted on ${d.n} deals: no drift`;
  }
  if (type === 'sync-failed') return 'the last sync succeeded';
  if (type === 'job-failed') return 'the job succeeded';
  if (type === 'email-failed') return 'an email of this kind went out';
  return 'the condition no longer holds';
}

/** "2024-07-08 06:05 UTC" */
export function instantText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export interface AlertMessageDeps {
  store: Pick<Store, 'alerts'>;
  messenger: Messenger;
  render: RenderAlert;
  now: () => Date;
  /** the configured channel per destination, for alerts logged before their channel was */
  channels?: Partial<Record<string, string>>;
}

/** Where the alert's message is (the configured channel for rows logged without one). */
export function messageTarget(
  alert: AlertRow,
  channels: AlertMessageDeps['channels'],
): { channel: string; ts: string } | null {
  const channel = alert.channel ?? channels?.[alert.destination];
  return channel && alert.messageTs ? { channel, ts: alert.messageTs } : null;
}

const targetOf = (deps: AlertMessageDeps, alert: AlertRow) => messageTarget(alert, deps.channels);

/**
 * The key's condition cleared: its living message is edited to "Resolved on … (now …)"
 * and one reply in its thread says so. The key itself is cleared by the caller.
 */
export async function resolveAlert(
  deps: AlertMessageDeps,
  key: string,
  figures: NowFigures,
): Promise<void> {
  const alert = await deps.store.alerts.livingMessage(key);
  const target = alert && targetOf(deps, alert);
  if (!alert || !target) return;
  const nowIso = deps.now().toISOString();
  const resolved = { on: nowIso.slice(0, 10), now: figureNow(key, figures) };
  const rendering = readRendering(alert);
  let detail = `now ${resolved.now}`;
  if (rendering) {
    const state: AlertState = { since: rendering.state.since, resolved };
    try {
      await deps.messenger.update(target, deps.render(rendering.view, state));
      await deps.store.alerts.setView(alert.id, JSON.stringify({ view: rendering.view, state }));
    } catch (error) {
      detail += `; edit failed: ${(error as Error).message}`;
    }
  }
  const asOf = figures.asOf ? ` (data as of ${figures.asOf})` : '';
  try {
    await deps.messenger.post(
      target.channel,
      { text: `:white_check_mark: Resolved on ${resolved.on}: ${resolved.now}${asOf}.` },
      { threadTs: target.ts },
    );
  } catch (error) {
    detail += `; thread reply failed: ${(error as Error).message}`;
  }
  await deps.store.alerts.recordEvent({
    alertId: alert.id,
    key,
    kind: 'resolved',
    at: nowIso,
    detail,
  });
}

export interface AlertClick {
  alertId: number;
  userId: string;
  /** where the click came from (for a private answer when the alert is gone) */
  channel: string;
}

/** A reply in the alert's thread, or a private note to the clicker when it has no message. */
async function acknowledge(
  deps: AlertMessageDeps,
  alert: AlertRow,
  click: AlertClick,
  text: string,
): Promise<void> {
  const target = targetOf(deps, alert);
  if (target) await deps.messenger.post(target.channel, { text }, { threadTs: target.ts });
  else await deps.messenger.ephemeral(click.channel, click.userId, { text });
}

async function findOrTell(deps: AlertMessageDeps, click: AlertClick) {
  const alert = await deps.store.alerts.find(click.alertId);
  if (!alert) {
    await deps.messenger.ephemeral(click.channel, click.userId, {
      text: `Alert #${click.alertId} is not in the log any more.`,
    });
  }
  return alert;
}

/**
 * Snooze from the alert's message: stored with who and until when; the message then says
 * so, and so does a reply in its thread. The sweep neither posts nor edits the key before
 * `until` (the last snooze of a key wins).
 */
export async function snoozeAlert(
  deps: AlertMessageDeps,
  click: AlertClick & { days: number },
): Promise<{ until: string } | null> {
  const alert = await findOrTell(deps, click);
  if (!alert) return null;
  const at = deps.now();
  const until = new Date(at.getTime() + click.days * 86_400_000).toISOString();
  await deps.store.alerts.recordEvent({
    alertId: alert.id,
    key: alert.key,
    kind: 'snoozed',
    userId: click.userId,
    until,
    detail: `${click.days} days`,
    at: at.toISOString(),
  });
  const rendering = readRendering(alert);
  const target = targetOf(deps, alert);
  if (rendering && target) {
    const state: AlertState = { ...rendering.state, snoozed: { userId: click.userId, until } };
    await deps.messenger.update(target, deps.render(rendering.view, state));
    await deps.store.alerts.setView(alert.id, JSON.stringify({ view: rendering.view, state }));
  }
  await acknowledge(
    deps,
    alert,
    click,
    `<@${click.userId}> snoozed this alert for ${click.days} days, until ${instantText(until)}: dealfit will neither post nor update it before then.`,
  );
  return { until };
}

/** "Useful / Not useful": recorded against the alert, acknowledged in its thread. */
export async function recordAlertFeedback(
  deps: AlertMessageDeps,
  click: AlertClick & { useful: boolean },
): Promise<void> {
  const alert = await findOrTell(deps, click);
  if (!alert) return;
  await deps.store.alerts.recordFeedback({
    alertId: alert.id,
    userId: click.userId,
    useful: click.useful,
    createdAt: deps.now().toISOString(),
  });
  await acknowledge(
    deps,
    alert,
    click,
    `<@${click.userId}> marked this alert ${click.useful ? 'useful' : 'not useful'}. Thanks: feedback tunes which alerts are worth your attention.`,
  );
}
