/**
 * A person's time zone, for what dealfit shows them in a DM (the "DMs use the
 * user's Slack time zone"). No DM shows a time yet, so nothing calls it today: it is the
 * contract a person's digest or a dated DM line would read. Implemented over Slack's
 * users.info (adapters/slack/user-zones.ts).
 */
export interface UserZones {
  /** the user's IANA zone, or null when Slack does not say (the caller falls back) */
  zoneOf(userId: string): Promise<string | null>;
}
