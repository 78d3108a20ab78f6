/**
 * The ONLY reader of process.env. Everything else receives a typed Config.
 * Invalid configuration stops start-up with one line per bad field.
 */
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const envSchema = z.object({
  DEALFIT_DB: z.string().trim().min(1).default('./data/dealfit.db'),
  /** IANA timezone for the scheduler */
  DEALFIT_TIMEZONE: z.string().trim().min(1).default('UTC'),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: optionalText.pipe(z.url().optional()),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
});

export type Config = {
  dbPath: string;
  timezone: string;
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
  };
  port: number;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

/** Parses an environment (process.env by default) into a Config, or throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  return {
    dbPath: e.DEALFIT_DB,
    timezone: e.DEALFIT_TIMEZONE,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    },
    port: e.PORT,
  };
}
