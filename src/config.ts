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

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** An optional value that, when present, must match a pattern (tokens, channel ids). */
function optionalMatching(pattern: RegExp, message: string) {
  return optionalText.pipe(z.string().regex(pattern, message).optional());
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const channelId = optionalMatching(
  CHANNEL_ID,
  'must be a Slack channel id such as C0123456789 (not a #name)',
);

const envSchema = z
  .object({
    DEALFIT_DB: z.string().trim().min(1).default('./data/dealfit.db'),
    /** IANA timezone for the scheduler */
    DEALFIT_TIMEZONE: z.string().trim().min(1).default('UTC'),
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
  })
  .superRefine((e, ctx) => {
    if (e.SLACK_APP_TOKEN && !e.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message:
          'required when SLACK_APP_TOKEN is set (Socket Mode still posts with the bot token)',
      });
    }
    if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message:
          'required in HTTP mode (SLACK_BOT_TOKEN set, no SLACK_APP_TOKEN): Slack signs every request with it',
      });
    }
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
  timezone: string;
  /** null = Slack is not configured (no SLACK_BOT_TOKEN) */
  slack: SlackConfig | null;
  port: number;
  channels: {
    alerts: string | undefined;
    managers: string | undefined;
    ops: string | undefined;
  };
};

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
 * Parses an environment into a Config, or throws ConfigError. With no argument it reads
 * process.env over `./.env`; callers that pass an environment (tests, the CLI harness) get
 * exactly that environment and no file.
 */
export function loadConfig(env?: Record<string, string | undefined>): Config {
  const source = env ?? { ...readEnvFile(resolve('.env')), ...process.env };
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  return {
    dbPath: e.DEALFIT_DB,
    timezone: e.DEALFIT_TIMEZONE,
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
    },
  };
}
