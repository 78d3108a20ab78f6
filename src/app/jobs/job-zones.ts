/**
 * Scheduled posts in their readers' time zone: a channel's Monday digest and monthly audit
 * run at 08:00 / 09:00 in the channel's zone (DEALFIT_CHANNEL_TIMEZONES, else
 * DEALFIT_TIMEZONE). A post job runs once per destination zone: the job keeps its name for
 * the zone of its main channel (the alerts channel for the digest, the managers channel for
 * the audit), and each other zone in use gets its own job `<name>@<zone>`, with its own
 * cron zone, run-log period and lease, so "once per slot" and the catch-up hold per zone.
 */

/** Where a job's slot posts and in which zone its cron runs. */
export interface JobZone {
  /** `digest`, or `digest@Asia/Kolkata` for a further zone */
  name: string;
  timezone: string;
  /** the channels this job posts to (empty for the jobs that post nothing on a schedule) */
  channels: string[];
  /** the job under its plain name: it also sends what has no zone (the digest email) */
  main: boolean;
}

export interface ZoneSettings {
  /** DEALFIT_TIMEZONE */
  timezone: string;
  channelTimezones?: Readonly<Record<string, string>> | undefined;
}

/** The zone of a channel's scheduled posts. */
export function channelZone(settings: ZoneSettings, channel: string): string {
  return settings.channelTimezones?.[channel] ?? settings.timezone;
}

/**
 * One job per zone in use among `channels` (the first one is the main channel, which may
 * be unset): the main channel's zone keeps the plain `name`, in the order first seen.
 */
export function zonedJobs(
  name: string,
  settings: ZoneSettings,
  main: string | undefined,
  others: readonly string[] = [],
): JobZone[] {
  const mainZone = main ? channelZone(settings, main) : settings.timezone;
  const jobs: JobZone[] = [{ name, timezone: mainZone, channels: main ? [main] : [], main: true }];
  for (const channel of others) {
    if (channel === main) continue;
    const zone = channelZone(settings, channel);
    let job = jobs.find((j) => j.timezone === zone);
    if (!job) {
      job = { name: `${name}@${zone}`, timezone: zone, channels: [], main: false };
      jobs.push(job);
    }
    if (!job.channels.includes(channel)) job.channels.push(channel);
  }
  return jobs;
}

/** `digest@Asia/Kolkata` -> `digest` (the kind of job a name runs). */
export function jobKind(name: string): string {
  const at = name.indexOf('@');
  return at < 0 ? name : name.slice(0, at);
}
