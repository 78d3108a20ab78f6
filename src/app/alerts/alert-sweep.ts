/**
 * The alert sweep that follows each metrics run (metrics.md "Alerts"): compute this run's
 * candidates, decide with the ledger (dedupe until the condition clears, weekly budget
 * per destination), post what is sent, store every alert with its reason, and clear the
 * keys whose condition cleared. A post that fails is stored as `post_failed`, which does
 * not keep its key active, so the next sweep tries again.
 *
 * One message per alert: a key still active has its message edited in place (never a
 * second post); a cleared one has it edited to resolved with one reply in its thread. A
 * snoozed key is neither posted, edited nor resolved until its snooze ends.
 */
import {
  type AlertCandidate,
  type AlertDecision,
  type AlertType,
  type Destination,
  decideAlerts,
  negativeMomentumAlert,
  syncFailedAlert,
  winRateThresholdAlert,
} from '../../domain/alert-rules.js';
import { isoWeek } from '../../domain/dates.js';
import type { ModelDrift } from '../../domain/model-drift.js';
import { modelDriftAlert, volumeSpikeAlert } from '../../domain/safeguard-alerts.js';
import type { VolumeSpike } from '../../domain/volume-spike.js';
import type { AlertSnooze } from '../ports/alert-store.js';
import type { Messenger, OutgoingMessage } from '../ports/messenger.js';
import type { Store } from '../ports/store.js';
import type { SyncHealth } from '../ports/sync-store.js';
import type { MomentumResult, WinRateResult } from '../queries/query-results.js';
import {
  type AlertState,
  type AlertView,
  instantText,
  messageTarget,
  type RenderAlert,
  readRendering,
  resolveAlert,
} from './alert-lifecycle.js';

/** One CRM source's standing as the sweep judges it (with a last error always said). */
export type SweepSyncHealth = Pick<
  SyncHealth,
  'source' | 'consecutiveFailures' | 'lastGoodDataAsOf'
> & { lastError: string };

/** The figures one sweep looks at; a missing one means "not evaluated this time". */
export interface SweepInputs {
  asOf: string | null;
  /** rolling-90 report */
  winRate?: WinRateResult | null;
  momentum?: MomentumResult | null;
  /** one entry per CRM source evaluated */
  syncHealth?: SweepSyncHealth[];
  /** ops candidates raised outside the metrics (a failed job) */
  extra?: AlertCandidate[];
  /** the safeguards after a metrics run (null model drift: no model to check) */
  volumeSpike?: VolumeSpike;
  modelDrift?: ModelDrift | null;
}

export type Channels = Partial<Record<Destination, string>>;

export interface AlertSweepDeps {
  store: Pick<Store, 'alerts'>;
  messenger: Messenger;
  render: RenderAlert;
  channels: Channels;
  /** DEALFIT_WINRATE_THRESHOLD, a fraction */
  threshold: number;
  /** DEALFIT_ALERT_BUDGET: alerts per destination per ISO week */
  budget: number;
  now: () => Date;
}

export interface SweptAlert {
  id: number | null;
  key: string;
  severity: AlertCandidate['severity'];
  destination: Destination;
  status: AlertStatus;
  reason: string;
  /** the payload that was (or, in a dry run, would have been) posted */
  message?: OutgoingMessage;
}

export interface SweepResult {
  isoWeek: string;
  alerts: SweptAlert[];
  clearedKeys: string[];
  /** active keys whose message was edited in place */
  editedKeys: string[];
}

export type AlertStatus =
  | 'sent'
  | 'over_budget'
  | 'folded'
  | 'deduped'
  | 'post_failed'
  /** its key is snoozed: not posted, not edited */
  | 'snoozed';

const STATUS_OF: Record<AlertDecision['action'], AlertStatus> = {
  send: 'sent',
  'send-over-budget': 'over_budget',
  fold: 'folded',
  duplicate: 'deduped',
};

/** Turns the figures into candidates; also says which alert types were evaluated. */
export function alertCandidates(
  inputs: SweepInputs,
  threshold: number,
): { candidates: AlertCandidate[]; evaluated: Set<AlertType> } {
  const candidates: AlertCandidate[] = [];
  const evaluated = new Set<AlertType>();
  if (inputs.winRate) {
    evaluated.add('winrate-threshold');
    const c = winRateThresholdAlert(inputs.winRate, threshold);
    if (c) candidates.push(c);
  }
  if (inputs.momentum) {
    evaluated.add('negative-momentum');
    const c = negativeMomentumAlert(inputs.momentum);
    if (c) candidates.push(c);
  }
  if (inputs.syncHealth) {
    evaluated.add('sync-failed');
    for (const s of inputs.syncHealth) {
      const c = syncFailedAlert(s.source, s.consecutiveFailures, s.lastError, s.lastGoodDataAsOf);
      if (c) candidates.push(c);
    }
  }
  if (inputs.volumeSpike) {
    evaluated.add('volume-spike');
    const c = volumeSpikeAlert(inputs.volumeSpike);
    if (c) candidates.push(c);
  }
  if (inputs.modelDrift !== undefined) {
    evaluated.add('model-drift');
    const c = inputs.modelDrift && modelDriftAlert(inputs.modelDrift);
    if (c) candidates.push(c);
  }
  // A job-failed key clears only when that job next succeeds (see jobs.ts), never here.
  candidates.push(...(inputs.extra ?? []));
  return { candidates, evaluated };
}

function viewOf(
  candidate: AlertCandidate,
  alertId: number,
  inputs: SweepInputs,
  threshold: number,
): AlertView {
  if (candidate.type === 'winrate-threshold' && inputs.winRate) {
    return { kind: 'winrate-threshold', alertId, candidate, report: inputs.winRate, threshold };
  }
  if (candidate.type === 'negative-momentum' && inputs.momentum) {
    return { kind: 'negative-momentum', alertId, candidate, report: inputs.momentum };
  }
  return { kind: 'ops', alertId, candidate, asOf: inputs.asOf };
}

/**
 * Runs one sweep. With `dryRun` nothing is stored, posted or edited: the result carries the
 * payloads that would have been posted.
 */
export async function runAlertSweep(
  deps: AlertSweepDeps,
  inputs: SweepInputs,
  options: { dryRun?: boolean } = {},
): Promise<SweepResult> {
  const nowIso = deps.now().toISOString();
  const week = isoWeek(nowIso.slice(0, 10));
  const { candidates, evaluated } = alertCandidates(inputs, deps.threshold);
  const snoozes = new Map((await deps.store.alerts.snoozes(nowIso)).map((s) => [s.key, s]));
  const ledger = await deps.store.alerts.ledger(week);
  // a snoozed key takes no part: it spends no budget, and is not cleared while snoozed
  const decided = decideAlerts(
    candidates.filter((c) => !snoozes.has(c.key)),
    ledger,
    deps.budget,
    evaluated,
  );
  const clearedKeys = decided.clearedKeys.filter((key) => !snoozes.has(key));
  const out: SweptAlert[] = [];
  const editedKeys: string[] = [];
  const log = (candidate: AlertCandidate, status: AlertStatus, reason: string) =>
    deps.store.alerts.insert({
      key: candidate.key,
      type: candidate.type,
      severity: candidate.severity,
      destination: candidate.destination,
      status,
      reason,
      isoWeek: week,
      asOf: inputs.asOf ?? nowIso.slice(0, 10),
      payload: JSON.stringify(candidate),
      createdAt: nowIso,
    });
  for (const candidate of candidates) {
    const snooze = snoozes.get(candidate.key);
    if (!snooze) continue;
    const reason = snoozedReason(snooze);
    out.push(
      summary(
        options.dryRun ? null : (await log(candidate, 'snoozed', reason)).id,
        candidate,
        'snoozed',
        reason,
      ),
    );
  }
  for (const decision of decided.decisions) {
    const { candidate } = decision;
    let status = STATUS_OF[decision.action];
    let reason = decision.reason;
    const channel = deps.channels[candidate.destination];
    const posts = status === 'sent' || status === 'over_budget';
    if (posts && !channel) {
      // Not posting is a decision too: keep it visible in the log and retry when configured.
      status = 'post_failed';
      reason = `no channel configured for "${candidate.destination}" (set DEALFIT_${candidate.destination.toUpperCase()}_CHANNEL)`;
    }
    if (options.dryRun) {
      const message = posts ? deps.render(viewOf(candidate, 0, inputs, deps.threshold)) : undefined;
      out.push(summary(null, candidate, status, reason, message));
      continue;
    }
    if (status === 'deduped') {
      const edit = await editInPlace(deps, candidate, inputs);
      if (edit) {
        reason = `${reason}; ${edit}`;
        if (edit === EDITED) editedKeys.push(candidate.key);
      }
    }
    const row = await log(candidate, status, reason);
    if (status !== 'sent' && status !== 'over_budget') {
      out.push(summary(row.id, candidate, status, reason));
      continue;
    }
    const view = viewOf(candidate, row.id, inputs, deps.threshold);
    const message = deps.render(view);
    try {
      const posted = await deps.messenger.post(channel as string, message);
      const state: AlertState = { since: nowIso.slice(0, 10) };
      await deps.store.alerts.setMessage(row.id, posted, JSON.stringify({ view, state }));
      out.push(summary(row.id, candidate, status, reason, message));
    } catch (error) {
      const why = `post failed: ${(error as Error).message}`;
      await deps.store.alerts.updateStatus(row.id, 'post_failed', `${reason}; ${why}`);
      out.push(summary(row.id, candidate, 'post_failed', `${reason}; ${why}`, message));
    }
  }
  if (!options.dryRun) {
    for (const key of clearedKeys) await resolveAlert(deps, key, inputs);
    await deps.store.alerts.clearKeys(clearedKeys, nowIso);
  }
  return { isoWeek: week, alerts: out, clearedKeys, editedKeys };
}

const EDITED = 'its message was edited in place';

function snoozedReason(s: AlertSnooze): string {
  return `snoozed by ${s.userId} until ${instantText(s.until)}: not posted or edited`;
}

/**
 * A key still active: its living message is edited to the new figures ("still active as
 * of …"). Says what happened, or null when it has no message (folded into the digest).
 */
async function editInPlace(
  deps: AlertSweepDeps,
  candidate: AlertCandidate,
  inputs: SweepInputs,
): Promise<string | null> {
  const alert = await deps.store.alerts.livingMessage(candidate.key);
  const target = alert && messageTarget(alert, deps.channels);
  if (!alert || !target) return null;
  const nowIso = deps.now().toISOString();
  const view = viewOf(candidate, alert.id, inputs, deps.threshold);
  const state: AlertState = {
    since: readRendering(alert)?.state.since ?? alert.createdAt.slice(0, 10),
    stillActiveAsOf: inputs.asOf ?? nowIso.slice(0, 10),
  };
  try {
    await deps.messenger.update(target, deps.render(view, state));
  } catch (error) {
    return `edit failed: ${(error as Error).message}`;
  }
  await deps.store.alerts.setView(alert.id, JSON.stringify({ view, state }));
  await deps.store.alerts.recordEvent({
    alertId: alert.id,
    key: candidate.key,
    kind: 'edited',
    detail: `still active as of ${state.stillActiveAsOf}`,
    at: nowIso,
  });
  return EDITED;
}

function summary(
  id: number | null,
  c: AlertCandidate,
  status: AlertStatus,
  reason: string,
  message?: OutgoingMessage,
): SweptAlert {
  return {
    id,
    key: c.key,
    severity: c.severity,
    destination: c.destination,
    status,
    reason,
    ...(message ? { message } : {}),
  };
}
