/**
 * Which alerts fire, how severe they are, and which get posted (metrics.md "Alerts"):
 * each alert explains itself, an active key is not sent again until its condition
 * clears, and each destination gets at most `budget` alerts per ISO week; past that,
 * MEDIUM/LOW fold into the digest while HIGH still posts and is logged as over budget.
 */

import { isNotSet } from './deal.js';
import type { MomentumResult } from './momentum.js';
import type { RateFigure } from './stats.js';

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';
export type AlertType =
  | 'winrate-threshold'
  | 'negative-momentum'
  | 'sync-failed'
  | 'job-failed'
  | 'email-failed'
  | 'volume-spike'
  | 'model-drift'
  /** the start-up checks found something to fix (app/doctor) */
  | 'setup-check';
export type Destination = 'alerts' | 'ops' | 'managers';

export interface AlertContributor {
  dimension: string;
  segment: string;
  /** rate + mix effect on the overall rate, in rate units (−0.01 = −1pp) */
  effect: number;
  previous: RateFigure;
  current: RateFigure;
}

export interface AlertCandidate {
  key: string;
  type: AlertType;
  severity: Severity;
  destination: Destination;
  title: string;
  /** the figure, as a fraction or number */
  figure: number;
  /** the threshold or baseline it is compared with */
  baseline: number;
  n: number | null;
  ci: [number, number] | null;
  /** plain sentences: what moved, with n and intervals */
  context: string[];
  contributors: AlertContributor[];
  /** 1–3 things to look at, worded as "associated with", never "caused by" */
  actions: string[];
}

/** Below this many closed deals a figure never drives an alert (metrics.md). */
export const MIN_ALERT_N = 30;

const pp = (x: number) => `${(x * 100).toFixed(1)}%`;
const signedPp = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}pp`;

const DIMENSION_ACTIONS: Record<string, (segment: string) => string> = {
  leadSource: (s) => `Audit qualification criteria for ${s} leads`,
  industry: (s) => `Review positioning and pricing for ${s} buyers`,
  region: (s) => `Check pipeline coverage and staffing in ${s}`,
  product: (s) => `Review ${s} product positioning against competitors`,
  rep: (s) => `Review ${s}'s open deals with their manager; consider a co-lead on RED deals`,
};

function actionFor(contributor: AlertContributor): string {
  return (
    DIMENSION_ACTIONS[contributor.dimension]?.(contributor.segment) ??
    `Investigate ${contributor.dimension} = ${contributor.segment}`
  );
}

export interface WinRateInput {
  overall: RateFigure;
  previous: RateFigure | null;
  consecutiveDeclines: number;
  decomposition: Array<{
    dimension: string;
    segment: string;
    total: number;
    previous: RateFigure;
    current: RateFigure;
  }>;
}

/** HIGH: the rolling-90 win rate is below the configured threshold (n ≥ 30). */
export function winRateThresholdAlert(
  report: WinRateInput,
  threshold: number,
): AlertCandidate | null {
  const { overall } = report;
  if (overall.rate === null || overall.n < MIN_ALERT_N || overall.rate >= threshold) return null;
  const contributors = report.decomposition
    // "(not set)" is never a segment an alert names (metrics.md "Missing values")
    .filter(
      (row) =>
        row.total < 0 &&
        !isNotSet(row.segment) &&
        row.current.n >= MIN_ALERT_N &&
        row.previous.n >= MIN_ALERT_N,
    )
    .sort((a, b) => a.total - b.total)
    .slice(0, 3)
    .map((row) => ({ ...row, effect: row.total }));
  const context = [
    `Rolling 90-day win rate ${pp(overall.rate)} (n = ${overall.n}${overall.ci ? `, 95% CI ${pp(overall.ci[0])}–${pp(overall.ci[1])}` : ''}) is below the ${pp(threshold)} threshold.`,
  ];
  if (report.previous?.rate != null) {
    context.push(
      `Previous 90 days: ${pp(report.previous.rate)} (n = ${report.previous.n}); change ${signedPp(overall.rate - report.previous.rate)}.`,
    );
  }
  if (report.consecutiveDeclines >= 2) {
    context.push(`Declining for ${report.consecutiveDeclines} consecutive weeks.`);
  }
  for (const c of contributors) {
    context.push(
      `${c.dimension} ${c.segment}: ${c.previous.rate === null ? 'n/a' : pp(c.previous.rate)} → ${c.current.rate === null ? 'n/a' : pp(c.current.rate)} (n = ${c.previous.n} → ${c.current.n}), associated with ${signedPp(c.effect)} of the change.`,
    );
  }
  const actions = contributors.map(actionFor).slice(0, 2);
  actions.push('Check whether the drop is associated with a few deals or spread across the team');
  return {
    key: 'winrate-threshold:overall',
    type: 'winrate-threshold',
    severity: 'HIGH',
    destination: 'alerts',
    title: 'Win rate below threshold',
    figure: overall.rate,
    baseline: threshold,
    n: overall.n,
    ci: overall.ci,
    context,
    contributors,
    actions: actions.slice(0, 3),
  };
}

export type MomentumInput = Pick<
  MomentumResult,
  'quarter' | 'previousQuarter' | 'baselineQuarters' | 'significantDeclines' | 'fdr'
>;

const pValue = (p: number | null) =>
  p === null ? 'n/a' : p < 0.001 ? '< 0.001' : p.toPrecision(2);

/**
 * MEDIUM (metrics.md "Negative momentum"): among the segments with smi < 0 whose decline
 * against the four quarters before is significant (the momentum test), the one with the
 * most negative smi; the other significant declines are named in its context. With none
 * significant there is no alert: a noisy non-significant segment never hides a real one.
 */
export function negativeMomentumAlert(report: MomentumInput): AlertCandidate | null {
  const eligible = report.significantDeclines.filter(
    (s) =>
      !isNotSet(s.value) &&
      s.current.n >= MIN_ALERT_N &&
      (s.baseline?.n ?? 0) >= MIN_ALERT_N &&
      s.current.rate !== null &&
      s.baseline?.rate != null,
  );
  const s = eligible[0];
  if (!s?.baseline || s.current.rate === null || s.baseline.rate === null) return null;
  const contributor: AlertContributor = {
    dimension: s.dimension,
    segment: s.value,
    effect: s.smi,
    previous: s.previous,
    current: s.current,
  };
  const others = eligible
    .slice(1, 4)
    .map((o) => `${o.dimension} ${o.value} (SMI ${o.smi.toFixed(3)})`);
  const fdr = `${Math.round(report.fdr * 100)}%`;
  return {
    key: `negative-momentum:${s.dimension}:${s.value}`,
    type: 'negative-momentum',
    severity: 'MEDIUM',
    destination: 'alerts',
    title: `Negative momentum: ${s.dimension} ${s.value}`,
    figure: s.smi,
    baseline: 0,
    n: s.current.n,
    ci: s.current.ci,
    context: [
      `Win rate ${pp(s.current.rate)} (n = ${s.current.n}) in ${report.quarter}, ${s.previous.rate === null ? 'n/a' : pp(s.previous.rate)} (n = ${s.previous.n}) in ${report.previousQuarter}, ${pp(s.baseline.rate)} over the four quarters before (${report.baselineQuarters.from}–${report.baselineQuarters.to}, n = ${s.baseline.n}); ${Math.round(s.share * 100)}% of closed volume.`,
      `Decline vs that baseline p = ${pValue(s.declineP)} (one-sided), significant after Benjamini–Hochberg (FDR ${fdr}); quarter over quarter p = ${pValue(s.p)}. SMI ${s.smi.toFixed(3)}, the most negative of the significant declines.`,
      ...(others.length > 0 ? [`Also declining significantly: ${others.join(', ')}.`] : []),
    ],
    contributors: [contributor],
    actions: [
      actionFor(contributor),
      `Check what changed for ${s.value} in ${report.quarter} against the quarters before (campaigns, routing, pricing)`,
    ],
  };
}

/** HIGH, ops: the CRM sync failed this many times in a row (3 or more). */
export function syncFailedAlert(
  source: string,
  consecutiveFailures: number,
  lastError: string,
  lastGoodDataAsOf: string | null,
): AlertCandidate | null {
  if (consecutiveFailures < 3) return null;
  return {
    key: `sync-failed:${source}`,
    type: 'sync-failed',
    severity: 'HIGH',
    destination: 'ops',
    title: `${source} sync failed ${consecutiveFailures} times in a row`,
    figure: consecutiveFailures,
    baseline: 3,
    n: null,
    ci: null,
    context: [
      `Last error: ${lastError}`,
      `Every figure still shows data as of ${lastGoodDataAsOf ?? 'never synced'}.`,
    ],
    contributors: [],
    actions: [
      `Check the ${source} credentials and API limits`,
      `Run \`dealfit sync ${source}\` by hand to see the full error`,
    ],
  };
}

/** HIGH, ops: a scheduled job failed. */
export function jobFailedAlert(job: string, error: string): AlertCandidate {
  return {
    key: `job-failed:${job}`,
    type: 'job-failed',
    severity: 'HIGH',
    destination: 'ops',
    title: `Job ${job} failed`,
    figure: 1,
    baseline: 0,
    n: null,
    ci: null,
    context: [`Error: ${error}`],
    contributors: [],
    actions: [`Run \`dealfit jobs run ${job}\` to retry and see the error`],
  };
}

/**
 * An email (the digest, a HIGH alert) the SMTP server refused for good, or that still
 * failed after the retries: HIGH to ops, deduped until an email of that kind next goes out.
 */
export function emailFailedAlert(
  kind: string,
  failures: Array<{ recipient: string; error: string }>,
): AlertCandidate {
  return {
    key: `email-failed:${kind}`,
    type: 'email-failed',
    severity: 'HIGH',
    destination: 'ops',
    title: `The ${kind} email could not be sent`,
    figure: failures.length,
    baseline: 0,
    n: null,
    ci: null,
    context: failures.slice(0, 5).map((f) => `${f.recipient}: ${f.error}`),
    contributors: [],
    actions: [
      'Check DEALFIT_SMTP_URL, DEALFIT_EMAIL_FROM and the addresses; `dealfit status` shows the last failure',
    ],
  };
}

export type AlertAction = 'send' | 'send-over-budget' | 'fold' | 'duplicate';

export interface AlertDecision {
  candidate: AlertCandidate;
  action: AlertAction;
  reason: string;
}

export interface AlertLedger {
  /** keys alerted on whose condition has not cleared yet */
  activeKeys: ReadonlySet<string>;
  /** alerts posted this ISO week, per destination (including over-budget ones) */
  postedThisWeek: ReadonlyMap<Destination, number>;
}

const SEVERITY_ORDER: Record<Severity, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/**
 * Decides what to do with this sweep's candidates. `evaluatedTypes` are the alert types
 * this sweep checked: an active key of one of them with no candidate now has cleared.
 */
export function decideAlerts(
  candidates: AlertCandidate[],
  ledger: AlertLedger,
  budget: number,
  evaluatedTypes: ReadonlySet<AlertType>,
): { decisions: AlertDecision[]; clearedKeys: string[] } {
  const posted = new Map(ledger.postedThisWeek);
  const decisions: AlertDecision[] = [];
  // Most severe first, so the weekly budget goes to what matters most.
  const ordered = [...candidates].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.key.localeCompare(b.key),
  );
  for (const candidate of ordered) {
    if (ledger.activeKeys.has(candidate.key)) {
      decisions.push({
        candidate,
        action: 'duplicate',
        reason: 'already alerted; condition has not cleared',
      });
      continue;
    }
    const used = posted.get(candidate.destination) ?? 0;
    if (used < budget) {
      posted.set(candidate.destination, used + 1);
      decisions.push({
        candidate,
        action: 'send',
        reason: `alert ${used + 1} of ${budget} this week`,
      });
    } else if (candidate.severity === 'HIGH') {
      posted.set(candidate.destination, used + 1);
      decisions.push({
        candidate,
        action: 'send-over-budget',
        reason: `HIGH severity: posted although the weekly budget of ${budget} is spent`,
      });
    } else {
      decisions.push({
        candidate,
        action: 'fold',
        reason: `weekly budget of ${budget} spent: folded into the next digest`,
      });
    }
  }
  const firing = new Set(candidates.map((c) => c.key));
  const clearedKeys = [...ledger.activeKeys].filter(
    (key) => !firing.has(key) && evaluatedTypes.has(key.split(':')[0] as AlertType),
  );
  return { decisions, clearedKeys };
}
