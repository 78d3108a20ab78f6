/**
 * Part of the composition root: builds `dealfit doctor`'s checks (app/doctor) on the real
 * probes: the SQLite file, Slack's Web API with the bot token, Salesforce when configured.
 * The CLI command and the start-up checks both run them from here.
 */
import { LogLevel, webApi } from '@slack/bolt';
import { manifestBotScopes } from '../adapters/slack/manifest.js';
import { createSlackProbe } from '../adapters/slack/setup-probe.js';
import type { DoctorReport } from '../app/doctor/checks.js';
import { type DoctorDeps, runDoctor } from '../app/doctor/doctor.js';
import type { DoctorSetup } from '../app/doctor/setup.js';
import type { DatabaseProbe, SalesforceProbe, SlackProbe } from '../app/ports/setup-probes.js';
import type { Config } from '../config.js';
import { storeProbe, storeWhere } from './open-store.js';

/** What the checks know of a Config (and the issues config.ts found in its environment). */
export function doctorSetup(config: Config, configIssues: readonly string[] = []): DoctorSetup {
  const secret = config.proactive.webhookSecret;
  return {
    configIssues,
    timezone: config.timezone,
    // DATABASE_URL: the server and database, never the password
    dbPath: storeWhere(config),
    storeKind: config.databaseUrl ? 'postgres' : 'sqlite',
    slack: config.slack ? { mode: config.slack.appToken ? 'socket' : 'http' } : null,
    channels: config.channels,
    digestChannels: config.channels.digest,
    digestUsers: config.digestUsers,
    salesforce: config.salesforce ? { org: config.salesforce.org } : null,
    webhookSecret: secret ? { length: secret.reveal().length } : null,
    manifestScopes: manifestBotScopes(),
  };
}

/** The Slack probe on its own WebClient: no retries, so an unreachable Slack answers fast. */
export function slackProbeFor(
  config: Config,
  client?: webApi.WebClient,
  fetch?: typeof globalThis.fetch,
): SlackProbe | null {
  const slack = config.slack;
  if (!slack) return null;
  return createSlackProbe(
    client ??
      new webApi.WebClient(slack.botToken, {
        ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
        // the running app's fetch: its calls are counted with the rest (GET /metrics)
        ...(fetch ? { fetch } : {}),
        retryConfig: { retries: 0 },
        // the check's own line says what failed; the client's warning would repeat it
        logLevel: LogLevel.ERROR,
      }),
  );
}

function salesforceProbeFor(config: Config): SalesforceProbe | null {
  const sf = config.salesforce;
  if (!sf) return null;
  return {
    async check() {
      // jsforce is heavy: load it only when Salesforce is configured and checked
      const { createSalesforceProbe } = await import(
        '../adapters/crm/salesforce/salesforce-probe.js'
      );
      return createSalesforceProbe(sf).check();
    },
  };
}

export interface DoctorOptions {
  configIssues?: readonly string[];
  /** default: config.dbPath (the CLI's --db) */
  dbPath?: string;
  /** an open store's probe (the running app checks the file it already has open) */
  database?: DatabaseProbe;
  slack?: SlackProbe | null;
  now?: () => Date;
}

export function runDoctorOn(config: Config, o: DoctorOptions = {}): Promise<DoctorReport> {
  const setup = doctorSetup(config, o.configIssues);
  const url = config.databaseUrl;
  // DATABASE_URL chooses the store, as at start-up: --db names a SQLite file only
  const dbPath = url ? setup.dbPath : (o.dbPath ?? config.dbPath);
  const deps: DoctorDeps = {
    setup: { ...setup, dbPath },
    database: o.database ?? storeProbe({ databaseUrl: url, dbPath }),
    slack: o.slack === undefined ? slackProbeFor(config) : o.slack,
    salesforce: salesforceProbeFor(config),
    now: o.now ?? (() => new Date()),
  };
  return runDoctor(deps);
}
