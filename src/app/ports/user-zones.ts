/**
 * A person's time zone, for what dealfit sends them in a DM (the "DMs use the
 * user's Slack time zone"): the digest people's zones are read through it at start-up and
 * once a day (app/jobs/user-timezones.ts), which puts each in the digest job of their zone.
 * Implemented over Slack's users.info (adapters/slack/user-zones.ts).
 */
export interface UserZones {
  /** the user's IANA zone, or null when Slack does not say (the caller falls back) */
  zoneOf(userId: string): Promise<string | null>;
}
