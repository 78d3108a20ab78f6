/**
 * Scheduled posts in their readers' time zone: a channel's Monday digest and monthly audit
 * run at 08:00 / 09:00 in the channel's zone (DEALFIT_CHANNEL_TIMEZONES, else
 * DEALFIT_TIMEZONE). A post job runs once per destination zone: the job keeps its name for
 * the zone of its main channel (the alerts channel for the digest, the managers channel for
 * the audit), and each other zone in use gets its own job `<name>@<zone>`, with its own
 * cron zone, run-log period and lease, so "once per slot" and the catch-up hold per zone.
 * A person who gets the digest by DM (DEALFIT_DIGEST_USERS) joins the job of their Slack
 * zone: a channel and a person in one zone share one slot and one run.
 */

/** Where a job's slot posts and in which zone its cron runs. */
export interface JobZone {
  /** `digest`, or `digest@Asia/Kolkata` for a further zone */
  name: string;
  timezone: string;
  /** the channels this job posts to (empty for the jobs that post nothing on a schedule) */
  channels: string[];
  /** the people this job DMs (the digest's DEALFIT_DIGEST_USERS in this zone) */
  users: string[];
  /** the job under its plain name: it also sends what has no zone (the digest email) */
  main: boolean;
}

export interface ZoneSettings {
  /** DEALFIT_TIMEZONE */
  timezone: string;
  channelTimezones?: Readonly<Record<string, string>> | undefined;
  /**
   * a person's Slack zone (users.info `tz`, resolved at start-up and once a day); null or
   * absent: Slack gave none, the person follows DEALFIT_TIMEZONE
   */
  userTimezones?: Readonly<Record<string, string | null>> | undefined;
}

/** The zone of a channel's scheduled posts. */
export function channelZone(settings: ZoneSettings, channel: string): string {
  return settings.channelTimezones?.[channel] ?? settings.timezone;
}

/** The zone of a person's DMs: their Slack zone, else DEALFIT_TIMEZONE. */
export function userZone(settings: ZoneSettings, user: string): string {
  return settings.userTimezones?.[user] ?? settings.timezone;
}

/** Whether a person's zone is DEALFIT_TIMEZONE because Slack gave none (or was not asked). */
export function userZoneIsFallback(settings: ZoneSettings, user: string): boolean {
  return (settings.userTimezones?.[user] ?? null) === null;
}

/**
 * One job per zone in use among `channels` and `users` (the first one is the main channel, which may
 * be unset): the main channel's zone keeps the plain `name`, in the order first seen.
 */
export function zonedJobs(
  name: string,
  settings: ZoneSettings,
  main: string | undefined,
  others: readonly string[] = [],
  users: readonly string[] = [],
): JobZone[] {
  const mainZone = main ? channelZone(settings, main) : settings.timezone;
  const jobs: JobZone[] = [
    { name, timezone: mainZone, channels: main ? [main] : [], users: [], main: true },
  ];
  const jobOf = (zone: string): JobZone => {
    let job = jobs.find((j) => j.timezone === zone);
    if (!job) {
      job = { name: `${name}@${zone}`, timezone: zone, channels: [], users: [], main: false };
      jobs.push(job);
    }
    return job;
  };
  for (const channel of others) {
    if (channel === main) continue;
    const job = jobOf(channelZone(settings, channel));
    if (!job.channels.includes(channel)) job.channels.push(channel);
  }
  for (const user of users) {
    const job = jobOf(userZone(settings, user));
    if (!job.users.includes(user)) job.users.push(user);
  }
  return jobs;
}

/** `digest@Asia/Kolkata` -> `digest` (the kind of job a name runs). */
export function jobKind(name: string): string {
  const at = name.indexOf('@');
  return at < 0 ? name : name.slice(0, at);
}
