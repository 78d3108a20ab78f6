import cronParser from 'cron-parser';
import { closeDatabase, openDatabase } from '../adapters/storage/database.js';
import { createJobRunLog } from '../adapters/storage/job-run-store.js';
import { JOB_NAMES, JOB_SCHEDULE } from '../app/jobs/jobs.js';
import { type Command, CommandError, emit, UsageError } from './command.js';
import { payloadText, withProactive } from './proactive-cli.js';

export const jobsListCommand: Command = {
  path: ['jobs', 'list'],
  summary: 'Scheduled jobs with their cadence, next run and last run',
  usage: 'jobs list',
  run(ctx) {
    const db = openDatabase(ctx.dbPath);
    try {
      const log = createJobRunLog(db);
      const rows = JOB_NAMES.map((name) => {
        const { cron, description } = JOB_SCHEDULE[name];
        const next = cronParser
          .parseExpression(cron, { currentDate: ctx.now(), tz: ctx.config.timezone })
          .next()
          .toDate()
          .toISOString();
        const last = log.recent(1, name)[0] ?? null;
        return { name, cron, timezone: ctx.config.timezone, next, description, last };
      });
      emit(ctx, rows, () =>
        rows
          .map(
            (r) =>
              `${r.name.padEnd(14)} ${r.cron.padEnd(12)} next ${r.next}  last ${r.last ? `${r.last.status} ${r.last.startedAt}${r.last.error ? ` (${r.last.error})` : ''}${r.last.status === 'skipped' && r.last.detail ? ` (${r.last.detail})` : ''}` : 'never'}\n${''.padEnd(15)}${r.description}`,
          )
          .join('\n'),
      );
    } finally {
      closeDatabase(db);
    }
    return 0;
  },
};

export const jobsRunCommand: Command = {
  path: ['jobs', 'run'],
  summary: 'Run one job now for its latest slot (--dry-run prints the Slack payload instead)',
  usage: `jobs run <${JOB_NAMES.join('|')}> [--dry-run]`,
  options: { 'dry-run': { type: 'boolean', default: false } },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const name = ctx.positionals[0] as string;
    if (!(JOB_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`unknown job "${name}": one of ${JOB_NAMES.join(', ')}`);
    }
    const dryRun = ctx.values['dry-run'] === true;
    const { result, payloads } = await withProactive(ctx, dryRun, async (p, payloads) => {
      const { createScheduler } = await import('../wiring/create-proactive.js');
      const { thisInstance } = await import('../wiring/instance-identity.js');
      // the slot's lease too: a running instance is not doing this slot at the same time
      const cli = `cli:${thisInstance(ctx.now()).id}`;
      const scheduler = createScheduler(ctx.config, p, (line) => ctx.io.err(line), cli);
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
