/** The configuration's lines: every bad field, the schedule, the channels, the webhook. */
import { type Check, fail, ok, warn } from './checks.js';
import { CHANNEL_PURPOSES, type ChannelPurpose, type DoctorSetup } from './setup.js';

/** What to do about a bad field; the message says what is wrong with it. */
function fixFor(field: string): string {
  if (field === 'DEALFIT_TIMEZONE') {
    return 'set DEALFIT_TIMEZONE to an IANA timezone name such as Europe/Paris or America/New_York (`timedatectl list-timezones` lists them), or leave it empty for UTC';
  }
  return `correct ${field} in the environment or .env (.env.example describes every variable)`;
}

/** A webhook secret shorter than this is guessable; 32 random hex characters is the advice. */
const MIN_SECRET_LENGTH = 16;

export function configChecks(setup: DoctorSetup): Check[] {
  const checks: Check[] = [];
  const bad = new Set<string>();
  for (const issue of setup.configIssues) {
    const colon = issue.indexOf(':');
    const field = colon > 0 ? issue.slice(0, colon).trim() : 'configuration';
    bad.add(field);
    const detail = colon > 0 ? issue.slice(colon + 1).trim() : issue;
    checks.push(fail('configuration', field, detail, fixFor(field)));
  }
  if (!bad.has('DEALFIT_TIMEZONE')) {
    checks.push(ok('configuration', 'DEALFIT_TIMEZONE', `the schedule runs in ${setup.timezone}`));
  }
  if (setup.slack) {
    checks.push(
      ok(
        'configuration',
        'SLACK_BOT_TOKEN',
        setup.slack.mode === 'socket'
          ? 'set; Socket Mode (SLACK_APP_TOKEN)'
          : 'set; HTTP mode (SLACK_SIGNING_SECRET)',
      ),
    );
    for (const purpose of Object.keys(CHANNEL_PURPOSES) as ChannelPurpose[]) {
      const { variable, what } = CHANNEL_PURPOSES[purpose];
      if (bad.has(variable) || setup.channels[purpose]) continue;
      checks.push(
        warn(
          'configuration',
          variable,
          `not set: ${what} have nowhere to go`,
          `invite @dealfit to a channel and set ${variable} to its id (C…, in the channel's details)`,
        ),
      );
    }
  } else if (![...bad].some((f) => f.startsWith('SLACK_'))) {
    checks.push(
      warn(
        'configuration',
        'SLACK_BOT_TOKEN',
        'not set: dealfit runs only as the local workspace (npm start), nothing reaches Slack',
        'create the Slack app from manifest.json and set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (README "Slack setup")',
      ),
    );
  }
  if (!setup.salesforce && ![...bad].some((f) => f.startsWith('SALESFORCE_'))) {
    checks.push(
      ok(
        'configuration',
        'SALESFORCE_*',
        'not set: deals come from CSV imports (dealfit import), no CRM sync',
      ),
    );
  }
  if (setup.webhookSecret) {
    checks.push(
      setup.webhookSecret.length < MIN_SECRET_LENGTH
        ? warn(
            'webhook',
            'DEALFIT_WEBHOOK_SECRET',
            `set but only ${setup.webhookSecret.length} characters: POST /hooks/deals is served with a guessable secret`,
            'use at least 32 random characters, e.g. `openssl rand -hex 32`, in DEALFIT_WEBHOOK_SECRET and in the sender',
          )
        : ok(
            'webhook',
            'DEALFIT_WEBHOOK_SECRET',
            `set (${setup.webhookSecret.length} characters): POST /hooks/deals is served`,
          ),
    );
  } else if (!bad.has('DEALFIT_WEBHOOK_SECRET')) {
    checks.push(
      ok(
        'webhook',
        'DEALFIT_WEBHOOK_SECRET',
        'not set: the deal webhook is off (POST /hooks/deals is not served)',
      ),
    );
  }
  return checks;
}
