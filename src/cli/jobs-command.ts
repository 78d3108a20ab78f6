import cronParser from 'cron-parser';
import {
  destinationLabels,
  isJobName,
  JOB_NAMES,
  JOB_SCHEDULE,
  jobZones,
  localTime,
} from '../app/jobs/jobs.js';
import { openStore } from '../wiring/open-store.js';
import { type Command, CommandError, emit, UsageError } from './command.js';
import { payloadText, withProactive } from './proactive-cli.js';

export const jobsListCommand: Command = {
  path: ['jobs', 'list'],
  summary: 'Scheduled jobs with their cadence, next run and last run',
  usage: 'jobs list',
  async run(ctx) {
    const { cliUserTimezones } = await import('../wiring/user-timezones.js');
    const settings = {
      ...ctx.config,
      userTimezones: await cliUserTimezones(ctx.config, (line) => ctx.io.err(line)),
    };
    const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
    try {
      const log = opened.store.jobRuns;
      // one row per job and destination zone: `digest`, `digest@Asia/Kolkata`, …
      const zones = jobZones(settings);
      const lasts = await Promise.all(zones.map((zone) => log.recent(1, zone.name)));
      const rows = zones.map((zone, i) => {
        const { name, timezone, channels, users } = zone;
        const { cron, description } = JOB_SCHEDULE[zone.kind];
        const nextAt = cronParser
          .parseExpression(cron, { currentDate: ctx.now(), tz: timezone })
          .next()
          .toDate();
        const last = lasts[i]![0] ?? null;
        return {
          name,
          cron,
          timezone,
          channels,
          users,
          destinations: destinationLabels(settings, zone),
          next: nextAt.toISOString(),
          nextLocal: localTime(nextAt, timezone),
          description,
          last,
        };
      });
      emit(ctx, rows, () =>
        rows
          .map(
            (r) =>
              `${r.name.padEnd(14)} ${r.cron.padEnd(12)} next ${r.nextLocal}${r.destinations.length > 0 ? ` to ${r.destinations.join(', ')}` : ''}  last ${r.last ? `${r.last.status} ${r.last.startedAt}${r.last.error ? ` (${r.last.error})` : ''}${r.last.status === 'skipped' && r.last.detail ? ` (${r.last.detail})` : ''}` : 'never'}\n${''.padEnd(15)}${r.description}`,
          )
          .join('\n'),
      );
    } finally {
      await opened.close();
    }
    return 0;
  },
};

export const jobsRunCommand: Command = {
  path: ['jobs', 'run'],
  summary: 'Run one job now for its latest slot (--dry-run prints the Slack payload instead)',
  usage: `jobs run <${JOB_NAMES.join('|')}>[@<zone>] [--dry-run]`,
  options: { 'dry-run': { type: 'boolean', default: false } },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const name = ctx.positionals[0] as string;
    const { cliUserTimezones } = await import('../wiring/user-timezones.js');
    const userTimezones = await cliUserTimezones(ctx.config, (line) => ctx.io.err(line));
    const settings = { ...ctx.config, userTimezones };
    if (!isJobName(settings, name)) {
      const names = jobZones(settings).map((z) => z.name);
      throw new UsageError(`unknown job "${name}": one of ${names.join(', ')}`);
    }
    const dryRun = ctx.values['dry-run'] === true;
    const { result, payloads } = await withProactive(ctx, dryRun, async (p, payloads) => {
      const { createScheduler } = await import('../wiring/create-proactive.js');
      const { thisInstance } = await import('../wiring/instance-identity.js');
      // the slot's lease too: a running instance is not doing this slot at the same time
      const cli = `cli:${thisInstance(ctx.now()).id}`;
      const scheduler = createScheduler(
        ctx.config,
        p,
        (line) => ctx.io.err(line),
        cli,
        undefined,
        userTimezones,
      );
      return { result: await scheduler.runNow(name, { dryRun }), payloads };
    });
    emit(ctx, { job: name, dryRun, ...result, payloads }, () =>
      [
        `${name} (${result.period}): ${result.status}${'detail' in result && result.detail ? ` — ${result.detail}` : ''}${'reason' in result ? ` — ${result.reason}` : ''}`,
        ...(dryRun ? [payloadText(payloads)] : []),
      ].join('\n'),
    );
    if (result.status === 'failed') throw new CommandError(`job ${name} failed: ${result.error}`);
    return 0;
  },
};
