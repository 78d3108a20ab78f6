/**
 * The ONLY reader of process.env. Everything else receives a typed Config.
 * Invalid configuration stops start-up with one line per bad field.
 *
 * Values come from the environment, then from a `.env` file in the working directory for
 * names the environment does not set (the environment wins, as with most dotenv tools).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { readChannelTimezones } from './config/channel-timezones.js';
import { readDigestUsers } from './config/digest-users.js';
import {
  type EmailConfig,
  emailIssues,
  emailList,
  readEmailConfig,
  sender,
  smtpUrl,
} from './config/email-config.js';
import {
  commaList,
  isIanaTimezone,
  optionalMatching,
  optionalText,
  Secret,
} from './config/env-values.js';
import { readRepUsers } from './config/rep-users.js';
import { readSalesforceConfig, type SalesforceConfig } from './config/salesforce-config.js';

export type { EmailConfig } from './config/email-config.js';
export { Secret } from './config/env-values.js';
export type { SalesforceAuth, SalesforceConfig } from './config/salesforce-config.js';

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const channelId = optionalMatching(
  CHANNEL_ID,
  'must be a Slack channel id such as C0123456789 (not a #name)',
);

const envSchema = z.object({
  DEALFIT_DB: z.string().trim().min(1).default('./data/dealfit.db'),
  /** postgres://… selects the PostgreSQL store (issue #14); unset = the SQLite file */
  DATABASE_URL: optionalMatching(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  /** IANA timezone for the scheduler; checked here so it is reported with every other field */
  DEALFIT_TIMEZONE: optionalText
    .transform((v) => v ?? 'UTC')
    .pipe(
      z
        .string()
        .refine(
          isIanaTimezone,
          'must be an IANA timezone such as Europe/Paris, America/New_York or UTC',
        ),
    ),
  /** `C123=America/New_York,…`: a channel's digest and audit follow its zone (checked below) */
  DEALFIT_CHANNEL_TIMEZONES: optionalText,
  SLACK_BOT_TOKEN: optionalMatching(/^xoxb-/, 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalMatching(/^xapp-/, 'must be an app-level token starting with xapp-'),
  SLACK_API_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/ })
      .refine((u) => u.endsWith('/'), 'must end with "/" (e.g. https://slack.com/api/)')
      .optional(),
  ),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DEALFIT_ALERTS_CHANNEL: channelId,
  DEALFIT_MANAGERS_CHANNEL: channelId,
  DEALFIT_OPS_CHANNEL: channelId,
  /** more channels for the weekly digest, beside DEALFIT_ALERTS_CHANNEL (e.g. a region's) */
  DEALFIT_DIGEST_CHANNELS: optionalText.pipe(
    z
      .string()
      .regex(
        /^\s*[CGD][A-Z0-9]{2,}\s*(,\s*[CGD][A-Z0-9]{2,}\s*)*$/,
        'must be a comma-separated list of Slack channel ids such as C0123ABC,C0456DEF',
      )
      .optional(),
  ),
  /**
   * people who get the weekly digest as a DM, in their own Slack zone: Slack user ids, or
   * rep ids of DEALFIT_REP_USERS (mapped below)
   */
  DEALFIT_DIGEST_USERS: optionalText,
  // ---- alerts, co-leads, webhook (proactive) ----
  DEALFIT_WINRATE_THRESHOLD: z.coerce
    .number()
    .gt(0, 'must be a fraction such as 0.43')
    .lt(1, 'must be a fraction such as 0.43')
    .default(0.43),
  DEALFIT_ALERT_BUDGET: z.coerce.number().int().min(0).default(3),
  DEALFIT_MANAGER_IDS: optionalText.pipe(
    z
      .string()
      .regex(
        /^\s*[UW][A-Z0-9]{2,}\s*(,\s*[UW][A-Z0-9]{2,}\s*)*$/,
        'must be a comma-separated list of Slack user ids such as U0123ABC,U0456DEF',
      )
      .optional(),
  ),
  DEALFIT_MANAGER_GROUP: optionalMatching(
    /^S[A-Z0-9]{2,}$/,
    'must be a Slack user group id such as S0123ABC (not an @handle)',
  ),
  DEALFIT_REP_USERS: optionalText,
  DEALFIT_COLEAD_EXPIRY_DAYS: z.coerce.number().int().min(1).default(7),
  DEALFIT_COLEAD_CAP_RATIO: z.coerce.number().gt(0).max(5).default(0.8),
  // metrics.md "Co-lead matching" step 6: weak evidence proposes nothing unless 'propose'
  DEALFIT_COLEAD_WHEN_WEAK: z.enum(['withhold', 'propose']).default('withhold'),
  DEALFIT_WEBHOOK_SECRET: optionalText,
  // ---- email (the digest and HIGH alerts for people who live in their inbox) ----
  DEALFIT_SMTP_URL: smtpUrl,
  DEALFIT_EMAIL_FROM: sender,
  DEALFIT_DIGEST_EMAILS: emailList,
  DEALFIT_ALERT_EMAILS: emailList,
  // ---- several instances on one database ----
  DEALFIT_LEASE_MS: z.coerce.number().int().min(100).default(90_000),
  DEALFIT_HEARTBEAT_MS: z.coerce.number().int().min(50).default(30_000),
  /** bearer token for GET /metrics; unset = the route is open */
  DEALFIT_METRICS_TOKEN: optionalText,
});

export interface SlackConfig {
  botToken: string;
  /** undefined in Socket Mode, where Slack does not sign requests */
  signingSecret: string | undefined;
  /** set => Socket Mode */
  appToken: string | undefined;
  /** Web API base URL; undefined = Slack's own */
  apiUrl: string | undefined;
}

export type Config = {
  dbPath: string;
  /** DATABASE_URL: a PostgreSQL store instead of the SQLite file at dbPath; undefined = SQLite */
  databaseUrl: string | undefined;
  timezone: string;
  /** channel id -> IANA zone of its scheduled posts; a channel not listed uses `timezone` */
  channelTimezones: Record<string, string>;
  /** null = Slack is not configured (no SLACK_BOT_TOKEN) */
  slack: SlackConfig | null;
  port: number;
  channels: {
    alerts: string | undefined;
    managers: string | undefined;
    ops: string | undefined;
    /** DEALFIT_DIGEST_CHANNELS: the digest's channels beside `alerts` */
    digest: string[];
  };
  /** DEALFIT_DIGEST_USERS as Slack user ids: each gets the digest by DM in their Slack zone */
  digestUsers: string[];
  /** undefined when Salesforce is not configured */
  salesforce: SalesforceConfig | undefined;
  proactive: ProactiveConfig;
  /** undefined when DEALFIT_SMTP_URL is not set: nothing goes by email */
  email: EmailConfig | undefined;
  instances: InstancesConfig;
  /** GET /metrics wants `Authorization: Bearer <token>`; undefined = open */
  metricsToken?: Secret | undefined;
};

/** Several instances on one database (README "Running several instances"). */
export interface InstancesConfig {
  /** a job slot's lease lives this long; its holder renews it every third of it */
  leaseMs: number;
  /** the instance heartbeat, and how often expired leases are looked for */
  heartbeatMs: number;
}

/** Alerts, the co-lead workflow and the deal webhook. */
export interface ProactiveConfig {
  winRateThreshold: number;
  /** alerts per destination per ISO week */
  alertBudget: number;
  /** Slack user ids allowed to approve, reassign or decline co-leads */
  managerIds: string[];
  /** a Slack user group whose members may too (read at each click: usergroups:read) */
  managerGroup: string | undefined;
  /** rep id -> Slack user id, from the DEALFIT_REP_USERS JSON file */
  repUsers: Record<string, string>;
  repUsersFile: string | undefined;
  coleadExpiryDays: number;
  coleadCapRatio: number;
  coleadWhenWeak: 'withhold' | 'propose';
  /** undefined = POST /hooks/deals is not served */
  webhookSecret: Secret | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

/** The names dealfit reads; `.env.example` lists each of them (a test checks it). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as Array<keyof typeof envSchema.shape>;

/** Reads a dotenv file; a missing file is an empty environment, a bad one a ConfigError. */
export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  try {
    return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new ConfigError([`${path}: cannot read (${(error as Error).message})`]);
  }
}

/**
 * Which Slack mode the tokens ask for, checked on the raw values so these messages appear
 * together with any other bad field (a zod refinement would run only when all else parses).
 */
function slackModeIssues(source: Record<string, string | undefined>): string[] {
  const set = (name: string) => (source[name] ?? '').trim() !== '';
  const issues: string[] = [];
  if (set('SLACK_APP_TOKEN') && !set('SLACK_BOT_TOKEN')) {
    issues.push(
      'SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN is set (Socket Mode still posts with the bot token)',
    );
  }
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_APP_TOKEN') && !set('SLACK_SIGNING_SECRET')) {
    issues.push(
      'SLACK_SIGNING_SECRET: required in HTTP mode (SLACK_BOT_TOKEN set, no SLACK_APP_TOKEN): Slack signs every request with it',
    );
  }
  return issues;
}

/** process.env over `./.env` (the environment wins). */
function defaultSource(): Record<string, string | undefined> {
  return { ...readEnvFile(resolve('.env')), ...process.env };
}

/** Every problem of an environment, and the Config it gives once the bad fields are unset. */
export interface ConfigInspection {
  /** one line per bad field, as ConfigError has them ([] when the environment is valid) */
  issues: string[];
  /** what dealfit would run with if the bad fields were unset (their defaults) */
  config: Config;
}

/** The variable an issue line is about: its text before the first colon. */
const issueField = (issue: string) => issue.split(':')[0]?.trim() ?? '';

/**
 * For `dealfit doctor`: the issues of an environment without stopping at them, so the
 * other checks still run on the rest. A field whose rule needs another one (the signing
 * secret in HTTP mode, a Salesforce login) is fixed by unsetting its group (SLACK_…,
 * SALESFORCE_…): that part is then reported as not configured.
 */
export function inspectConfig(env?: Record<string, string | undefined>): ConfigInspection {
  let source = env ?? defaultSource();
  let issues: string[] | undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return { issues: issues ?? [], config: loadConfig(source) };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      issues ??= error.issues;
      const named = new Set(error.issues.map(issueField));
      const set = Object.keys(source).filter((k) => named.has(k) && source[k] !== undefined);
      // nothing named is set: the issue is a missing companion, so drop the whole group
      const groups = [...named].flatMap((n) => /^(?:SLACK|SALESFORCE)_/.exec(n) ?? []);
      const drop = (k: string) =>
        named.has(k) || (set.length === 0 && groups.some((g) => k.startsWith(g)));
      source = Object.fromEntries(Object.entries(source).filter(([k]) => !drop(k)));
    }
  }
  return { issues: issues ?? [], config: loadConfig({ DEALFIT_DB: source.DEALFIT_DB }) };
}

/**
 * Parses an environment into a Config, or throws ConfigError. With no argument it reads
 * process.env over `./.env`; callers that pass an environment (tests, the CLI harness) get
 * exactly that environment and no file.
 */
export function loadConfig(env?: Record<string, string | undefined>): Config {
  const source = env ?? defaultSource();
  const parsed = envSchema.safeParse(source);
  const salesforce = readSalesforceConfig(source);
  const repUsers = readRepUsers(
    parsed.success ? parsed.data.DEALFIT_REP_USERS : optionalText.parse(source.DEALFIT_REP_USERS),
  );
  const channelZones = readChannelTimezones(optionalText.parse(source.DEALFIT_CHANNEL_TIMEZONES));
  const digestUsers = readDigestUsers(
    optionalText.parse(source.DEALFIT_DIGEST_USERS),
    repUsers.map,
  );
  const modeIssues = [
    ...slackModeIssues(source),
    ...emailIssues(source),
    ...channelZones.issues,
    ...digestUsers.issues,
  ];
  if (
    !parsed.success ||
    modeIssues.length > 0 ||
    salesforce.issues.length > 0 ||
    repUsers.issues.length > 0
  ) {
    throw new ConfigError([
      ...(parsed.success ? [] : parsed.error.issues).map(
        (issue) => `${issue.path.join('.')}: ${issue.message}`,
      ),
      ...modeIssues,
      ...salesforce.issues,
      ...repUsers.issues,
    ]);
  }
  const e = parsed.data;
  return {
    dbPath: e.DEALFIT_DB,
    databaseUrl: e.DATABASE_URL,
    timezone: e.DEALFIT_TIMEZONE,
    channelTimezones: channelZones.map,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
        }
      : null,
    port: e.PORT,
    channels: {
      alerts: e.DEALFIT_ALERTS_CHANNEL,
      managers: e.DEALFIT_MANAGERS_CHANNEL,
      ops: e.DEALFIT_OPS_CHANNEL,
      digest: commaList(e.DEALFIT_DIGEST_CHANNELS),
    },
    digestUsers: digestUsers.users,
    salesforce: salesforce.config,
    proactive: {
      winRateThreshold: e.DEALFIT_WINRATE_THRESHOLD,
      alertBudget: e.DEALFIT_ALERT_BUDGET,
      managerIds: commaList(e.DEALFIT_MANAGER_IDS),
      managerGroup: e.DEALFIT_MANAGER_GROUP,
      repUsers: repUsers.map,
      repUsersFile: e.DEALFIT_REP_USERS,
      coleadExpiryDays: e.DEALFIT_COLEAD_EXPIRY_DAYS,
      coleadCapRatio: e.DEALFIT_COLEAD_CAP_RATIO,
      coleadWhenWeak: e.DEALFIT_COLEAD_WHEN_WEAK,
      webhookSecret: e.DEALFIT_WEBHOOK_SECRET ? new Secret(e.DEALFIT_WEBHOOK_SECRET) : undefined,
    },
    email: readEmailConfig(e),
    instances: { leaseMs: e.DEALFIT_LEASE_MS, heartbeatMs: e.DEALFIT_HEARTBEAT_MS },
    metricsToken: e.DEALFIT_METRICS_TOKEN ? new Secret(e.DEALFIT_METRICS_TOKEN) : undefined,
  };
}
