/**
 * What the checks know of the configuration: the wiring fills it from the Config and the
 * issues config.ts found, so this use case never reads the environment itself.
 */
export type ChannelPurpose = 'alerts' | 'managers' | 'ops';

/** The variable of each channel and what goes there (README "Configuration"). */
export const CHANNEL_PURPOSES: Record<ChannelPurpose, { variable: string; what: string }> = {
  alerts: { variable: 'DEALFIT_ALERTS_CHANNEL', what: 'alerts and the weekly digest' },
  managers: { variable: 'DEALFIT_MANAGERS_CHANNEL', what: 'co-lead cards and the rep audit' },
  ops: { variable: 'DEALFIT_OPS_CHANNEL', what: 'ops alerts (failed syncs and jobs)' },
};

export interface DoctorSetup {
  /** config.ts's lines, one per bad field ("FIELD: message") */
  configIssues: readonly string[];
  timezone: string;
  /** the SQLite file, or for PostgreSQL its host:port/database (never its password) */
  dbPath: string;
  /** which store (DATABASE_URL set: postgres); default sqlite */
  storeKind?: 'sqlite' | 'postgres';
  /** null: no SLACK_BOT_TOKEN (the local workspace only) */
  slack: { mode: 'http' | 'socket' } | null;
  channels: Partial<Record<ChannelPurpose, string | undefined>>;
  /** DEALFIT_DIGEST_CHANNELS: the digest's channels beside the alerts channel */
  digestChannels?: readonly string[];
  /** DEALFIT_DIGEST_USERS: people who get the digest by DM (as Slack user ids) */
  digestUsers?: readonly string[];
  /** null: no SALESFORCE_* variable set */
  salesforce: { org: string } | null;
  /** null: DEALFIT_WEBHOOK_SECRET not set (the webhook is not served) */
  webhookSecret: { length: number } | null;
  /** the bot scopes manifest.json asks for */
  manifestScopes: readonly string[];
}
