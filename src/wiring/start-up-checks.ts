/**
 * `dealfit doctor`'s checks when the app starts: one short block in the log; a failure
 * that leaves the app useless (Slack refuses the token) stops start-up with its fix; the
 * warnings (a channel without the bot, a missing scope, no deals yet) go to the ops channel
 * once, as one alert kept current across restarts.
 */

import type { DoctorReport } from '../app/doctor/checks.js';
import { startUpText } from '../app/doctor/doctor-text.js';
import { reportSetupToOps } from '../app/doctor/setup-alert.js';
import type { Proactive } from '../app/jobs/proactive.js';
import type { DatabaseProbe, SlackProbe } from '../app/ports/setup-probes.js';
import type { Config } from '../config.js';
import { runDoctorOn, slackProbeFor } from './doctor.js';

/** Start-up stops: the report's fatal failures, each with its fix. */
export class SetupError extends Error {
  override name = 'SetupError';
  constructor(readonly report: DoctorReport) {
    const fatal = report.checks.filter((c) => c.fatal);
    super(
      `cannot start:\n${fatal.map((c) => `  - ${c.area} ${c.name}: ${c.detail}\n    fix: ${c.fix ?? ''}`).join('\n')}`,
    );
  }
}

export interface StartUpCheckDeps {
  /** the open store's probe (Store.database.probe()) */
  probe: DatabaseProbe;
  proactive: Proactive;
  log: (text: string) => void;
  /** default: a Slack probe of its own (no retries: an unreachable Slack answers fast) */
  slack?: SlackProbe;
  /** the fetch of that probe's client (the running app's, so GET /metrics counts it) */
  fetch?: typeof fetch;
}

export async function checkAtStartUp(config: Config, o: StartUpCheckDeps): Promise<DoctorReport> {
  const report = await runDoctorOn(config, {
    database: o.probe,
    slack: o.slack ?? slackProbeFor(config, undefined, o.fetch),
    now: o.proactive.deps.now,
  });
  o.log(startUpText(report));
  if (report.checks.some((c) => c.fatal)) throw new SetupError(report);
  // Posting needs a Slack that just answered auth.test: an unreachable one would hold
  // start-up back through the client's retries. An error in it never stops start-up.
  const slackAnswered = report.checks.some(
    (c) => c.area === 'slack' && c.name === 'token' && c.status === 'ok',
  );
  const posted = !config.channels.ops
    ? 'not posted (DEALFIT_OPS_CHANNEL is not set)'
    : !slackAnswered
      ? 'not posted (Slack did not answer auth.test)'
      : await reportSetupToOps(o.proactive.alertDeps(), report).catch(
          (error: Error) => `ops post failed: ${error.message}`,
        );
  if (report.counts.warn + report.counts.fail > 0) o.log(`setup checks: ${posted}`);
  return report;
}
