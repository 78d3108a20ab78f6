/**
 * The start-up checks' warnings, posted once to the ops channel: one alert under one key,
 * so a restart with the same problems edits that message in place instead of posting
 * again (the alert lifecycle's dedupe), and it is resolved once the checks pass.
 */
import type { AlertCandidate } from '../../domain/alert-rules.js';
import { resolveAlert } from '../alerts/alert-lifecycle.js';
import { type AlertSweepDeps, runAlertSweep } from '../alerts/alert-sweep.js';
import type { Check, DoctorReport } from './checks.js';

export const SETUP_ALERT_KEY = 'setup-check';

/** At most this many fixes as recommended actions; every problem is in the context. */
const MAX_ACTIONS = 3;

export function setupAlert(problems: Check[]): AlertCandidate {
  return {
    key: SETUP_ALERT_KEY,
    type: 'setup-check',
    severity: problems.some((c) => c.status === 'fail') ? 'HIGH' : 'MEDIUM',
    destination: 'ops',
    title: `dealfit setup: ${problems.length} ${problems.length === 1 ? 'thing' : 'things'} to fix`,
    figure: problems.length,
    baseline: 0,
    n: null,
    ci: null,
    context: problems.map((c) => `${c.area} ${c.name}: ${c.detail}`),
    contributors: [],
    actions: [
      ...problems.flatMap((c) => (c.fix ? [c.fix] : [])).slice(0, MAX_ACTIONS),
      ...(problems.length > MAX_ACTIONS ? ['Run `dealfit doctor` for the whole list'] : []),
    ],
  };
}

/**
 * Posts (or keeps current) the ops message for the checks' warnings and non-fatal
 * failures (not the quiet ones: an empty store is no alert); resolves it when there are none. Returns what happened, for the log.
 */
export async function reportSetupToOps(
  deps: AlertSweepDeps,
  report: DoctorReport,
): Promise<string> {
  const problems = report.checks.filter((c) => c.status !== 'ok' && !c.quiet);
  const nowIso = deps.now().toISOString();
  if (problems.length === 0) {
    await resolveAlert(deps, SETUP_ALERT_KEY, { asOf: null });
    await deps.store.alerts.clearKeys([SETUP_ALERT_KEY], nowIso);
    return 'no setup problems';
  }
  const swept = await runAlertSweep(deps, { asOf: null, extra: [setupAlert(problems)] });
  const status = swept.alerts.find((a) => a.key === SETUP_ALERT_KEY);
  if (!status) return 'not posted';
  if (swept.editedKeys.includes(SETUP_ALERT_KEY)) return 'ops message kept current';
  return status.status === 'sent'
    ? 'posted to the ops channel'
    : `${status.status}: ${status.reason}`;
}
