/**
 * What `dealfit doctor` and the start-up checks ask of the outside world: the database,
 * Slack (the token, its granted scopes, the channels) and Salesforce. Each adapter answers
 * what it saw; the use case (app/doctor) decides what is ok, a warning or a failure.
 */

/** A probe's answer: what it saw, or the error the other side gave (Slack's code, …). */
export type Probed<T> = { ok: true; value: T } | { ok: false; error: string; detail?: string };

export interface DatabaseState {
  /** the migrations this build ships, and how many of them the file has applied */
  migrations: { shipped: number; applied: number; latest: string | null };
  /** live deals (not deleted in the CRM) */
  deals: number;
  /** metrics.md "Data as of"; null with no deals */
  dataAsOf: string | null;
}

export interface DatabaseProbe {
  /** opens the store (migrating it, as every start does) and reads its state */
  check(): Probed<DatabaseState> | Promise<Probed<DatabaseState>>;
}

export interface SlackAuth {
  team: string;
  teamId: string;
  botUserId: string;
  /** the scopes the token was granted (the Web API's `x-oauth-scopes`); null if not said */
  scopes: string[] | null;
}

export interface SlackChannel {
  id: string;
  /** null for a DM */
  name: string | null;
  isMember: boolean;
  isArchived: boolean;
}

export interface SlackProbe {
  /** auth.test with the bot token */
  auth(): Promise<Probed<SlackAuth>>;
  /** conversations.info; `missing_scope` comes back with the scope in `detail` */
  channel(id: string): Promise<Probed<SlackChannel>>;
  /** users.info: does the person exist, and the zone Slack gives them (null: none) */
  user?(id: string): Promise<Probed<SlackUser>>;
}

export interface SlackUser {
  id: string;
  tz: string | null;
  deleted: boolean;
}

export interface SalesforceLimits {
  org: string;
  /** the org's daily API requests (the `limits` resource); null if it did not say */
  dailyApiRequests: { max: number; remaining: number } | null;
}

export interface SalesforceProbe {
  /** logs in and makes one `limits` call */
  check(): Promise<Probed<SalesforceLimits>>;
}
