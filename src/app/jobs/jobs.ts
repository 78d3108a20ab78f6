/**
 * The design's cadence (spec "Cadence & Scheduling"), as scheduler jobs: job name ->
 * five-field cron in the configured timezone -> workflow. Every job catches up once after
 * downtime (the scheduler's run log decides), and a failure raises the ops alert, which
 * clears when the job next succeeds.
 */

import { mondayOf } from '../alerts/digest.js';
import type { ScheduledJob } from '../ports/scheduler.js';
import {
  type JobZone,
  jobKind,
  userZoneIsFallback,
  type ZoneSettings,
  zonedJobs,
} from './job-zones.js';
import type { Proactive } from './proactive.js';

export const JOB_NAMES = [
  'sync',
  'metrics',
  'drivers',
  'colead-expiry',
  'digest',
  'audit',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** Name, cron and what it does; order = catch-up order at start-up (sync before metrics). */
export const JOB_SCHEDULE: Record<JobName, { cron: string; description: string }> = {
  sync: {
    cron: '0 */6 * * *',
    description: 'CRM sync every 6 hours; ops alert after 3 failures in a row',
  },
  metrics: {
    cron: '0 6 * * *',
    description:
      'Daily 06:00: metrics run, then the alert sweep, then the co-lead batch for RED deals',
  },
  drivers: {
    cron: '0 5 * * 0',
    description: 'Sunday 05:00: driver model retrain on the full history',
  },
  'colead-expiry': {
    cron: '30 6 * * *',
    description: 'Daily 06:30: expire co-lead proposals nobody acted on, noted on the card',
  },
  digest: { cron: '0 8 * * 1', description: 'Monday 08:00: weekly digest with the trend chart' },
  audit: {
    cron: '0 9 1 * *',
    description: "1st of the month 09:00: rep audit to the managers' channel",
  },
};

function workflow(p: Proactive, kind: JobName, zone: JobZone): ScheduledJob['run'] {
  switch (kind) {
    case 'sync':
      return (ctx) => p.sync(ctx);
    case 'metrics':
      return (ctx) => p.metrics(ctx);
    case 'drivers':
      return () => p.drivers();
    case 'colead-expiry':
      return (ctx) => p.expireColeads(ctx);
    case 'digest':
      // the slot is Monday 08:00 in the job's zone; its date there names the week
      return (ctx) =>
        p.digest(mondayOf(localDate(ctx.scheduledAt, zone.timezone)), ctx, {
          channels: zone.channels,
          users: zone.users,
          email: zone.main,
        });
    case 'audit':
      return (ctx) => p.audit(ctx, zone.channels[0]);
  }
}

/** What the jobs' zones depend on: the schedule's zone, the channels' zones, the channels. */
export interface JobZoneSettings extends ZoneSettings {
  channels: {
    alerts?: string | undefined;
    managers?: string | undefined;
    digest?: readonly string[] | undefined;
  };
  /** DEALFIT_DIGEST_USERS: each joins the digest job of their zone (`userTimezones`) */
  digestUsers?: readonly string[] | undefined;
}

/**
 * Every scheduled job with its zone and channels: the digest and the audit once per
 * destination zone in use (job-zones.ts), the others once in DEALFIT_TIMEZONE.
 */
export function jobZones(settings: JobZoneSettings): Array<JobZone & { kind: JobName }> {
  return JOB_NAMES.flatMap((kind) => {
    const zones =
      kind === 'digest'
        ? zonedJobs(
            kind,
            settings,
            settings.channels.alerts,
            settings.channels.digest,
            settings.digestUsers,
          )
        : kind === 'audit'
          ? zonedJobs(kind, settings, settings.channels.managers)
          : [{ name: kind, timezone: settings.timezone, channels: [], users: [], main: true }];
    return zones.map((z) => ({ ...z, kind }));
  });
}

/**
 * A job's destinations as the Jobs view and `dealfit jobs list` show them: its channels,
 * and each person as `@U123 (America/New_York)`, or with the fallback said when Slack gave
 * no zone (`@U123 (UTC: no Slack zone, DEALFIT_TIMEZONE)`).
 */
export function destinationLabels(settings: ZoneSettings, zone: JobZone): string[] {
  return [
    ...zone.channels,
    ...zone.users.map((user) =>
      userZoneIsFallback(settings, user)
        ? `@${user} (${zone.timezone}: no Slack zone, DEALFIT_TIMEZONE)`
        : `@${user} (${zone.timezone})`,
    ),
  ];
}

/** Whether `name` is a job of these settings (`digest`, `digest@Asia/Kolkata`, …). */
export function isJobName(settings: JobZoneSettings, name: string): boolean {
  return (
    (JOB_NAMES as readonly string[]).includes(jobKind(name)) &&
    jobZones(settings).some((z) => z.name === name)
  );
}

/** The calendar date of an instant in a timezone, as YYYY-MM-DD. */
export function localDate(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** An instant as the wall-clock time of a zone: `2026-12-07 08:00 Asia/Kolkata`. */
export function localTime(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${timezone}`;
}

/** The store has no deals yet: every job but the sync has nothing to work on. */
export const NO_DEALS_YET =
  'no deals yet: import a CSV (dealfit import) or connect Salesforce (SALESFORCE_*)';

/**
 * Why a job has nothing to do now, or null. An empty store is a state of a new install,
 * not a failure: it must not raise "job failed" ops alerts on day one.
 */
async function skipReason(p: Proactive, name: JobName, zone: JobZone): Promise<string | null> {
  if (name === 'sync') {
    return p.deps.crm ? null : 'no CRM configured (set the SALESFORCE_* variables)';
  }
  // no alerts channel, and every DEALFIT_DIGEST_CHANNELS channel and DEALFIT_DIGEST_USERS
  // person in another zone's job: the plain `digest` has nobody to send to (the email
  // aside), which is not a failure
  const { settings } = p.deps;
  if (
    name === 'digest' &&
    zone.channels.length === 0 &&
    zone.users.length === 0 &&
    (settings.channels.digest?.length ?? 0) + (settings.digestUsers?.length ?? 0) > 0 &&
    (p.deps.email?.digestTo.length ?? 0) === 0
  ) {
    return "no digest channel or person in this zone: the others are served by their zones' jobs";
  }
  return (await p.deps.store.deals.dataAsOf()) === null ? NO_DEALS_YET : null;
}

/**
 * The jobs, with each digest person in the job of their zone: `userTimezones` is what
 * users.info said (resolved at start-up and once a day); without it they follow
 * DEALFIT_TIMEZONE.
 */
export function createJobs(
  p: Proactive,
  userTimezones?: Readonly<Record<string, string | null>>,
): ScheduledJob[] {
  const settings = { ...p.deps.settings, userTimezones };
  return jobZones(settings).map((zone) => {
    const run = workflow(p, zone.kind, zone);
    const destinations = destinationLabels(settings, zone);
    return {
      name: zone.name,
      ...JOB_SCHEDULE[zone.kind],
      timezone: zone.timezone,
      ...(destinations.length > 0 ? { destinations } : {}),
      catchUp: true,
      async run(ctx) {
        const skipped = await skipReason(p, zone.kind, zone);
        if (skipped) return { skipped };
        const detail = await run(ctx);
        if (!ctx.dryRun) await p.jobSucceeded(zone.name);
        return detail;
      },
    };
  });
}
