/**
 * `dealfit doctor` and the start-up checks: one checklist over the configuration, the
 * database, Slack, Salesforce and the webhook, each line ok / warn / fail with its fix.
 */
import type { DatabaseProbe, SalesforceProbe, SlackProbe } from '../ports/setup-probes.js';
import { type Check, type DoctorReport, report } from './checks.js';
import { configChecks } from './config-checks.js';
import { databaseChecks } from './database-checks.js';
import { salesforceChecks } from './salesforce-checks.js';
import type { DoctorSetup } from './setup.js';
import { slackChecks } from './slack-checks.js';

export interface DoctorDeps {
  setup: DoctorSetup;
  database: DatabaseProbe;
  /** null when Slack is not configured */
  slack: SlackProbe | null;
  /** null when Salesforce is not configured */
  salesforce: SalesforceProbe | null;
  now: () => Date;
}

export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const checks: Check[] = [
    ...configChecks(deps.setup),
    ...(await databaseChecks(deps.setup, deps.database, deps.now())),
  ];
  // Slack and Salesforce answer over the network: ask both at once
  const [slack, salesforce] = await Promise.all([
    deps.slack ? slackChecks(deps.setup, deps.slack) : [],
    deps.salesforce ? salesforceChecks(deps.salesforce) : [],
  ]);
  return report([...checks, ...slack, ...salesforce]);
}
