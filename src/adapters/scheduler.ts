/**
 * node-schedule, in process, with what a revenue team needs from it: every run logged in
 * job_runs, a job never overlaps itself, one catch-up run at start-up for a slot missed
 * during downtime, and a post at most once per (job, period) so a restart never
 * duplicates a digest.
 */
import cronParser from 'cron-parser';
import schedule from 'node-schedule';
import type { JobRunLog } from '../app/ports/job-run-log.js';
import { isSkipped, type JobContext, type ScheduledJob } from '../app/ports/scheduler.js';

export type { JobContext, ScheduledJob };

export type RunResult =
  | { status: 'succeeded'; period: string; detail?: string }
  | { status: 'failed'; period: string; error: string }
  | { status: 'skipped'; period: string; reason: string };

export interface SchedulerOptions {
  jobs: ScheduledJob[];
  timezone: string;
  log: JobRunLog;
  now: () => Date;
  onFailure?: (job: string, error: Error) => void;
  logger?: (line: string) => void;
}

/** The latest slot of `cron` at or before `at`, in `timezone`. */
export function latestSlot(cron: string, timezone: string, at: Date): Date {
  // cron-parser's prev() is strictly before currentDate; nudge forward so a slot at
  // exactly `at` counts.
  const interval = cronParser.parseExpression(cron, {
    currentDate: new Date(at.getTime() + 1),
    tz: timezone,
  });
  return interval.prev().toDate();
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

export class Scheduler {
  private readonly running = new Set<string>();
  private readonly scheduled: schedule.Job[] = [];
  private readonly inFlight = new Set<Promise<RunResult>>();
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    if (!isValidTimezone(options.timezone)) {
      throw new RangeError(`timezone "${options.timezone}" is not a valid IANA timezone`);
    }
    for (const job of options.jobs) {
      try {
        cronParser.parseExpression(job.cron, { tz: options.timezone });
      } catch (error) {
        throw new RangeError(
          `job ${job.name}: bad cron "${job.cron}": ${(error as Error).message}`,
        );
      }
    }
  }

  get jobs(): ScheduledJob[] {
    return this.options.jobs;
  }

  start(): void {
    for (const job of this.options.jobs) {
      const handle = schedule.scheduleJob(
        job.name,
        { rule: job.cron, tz: this.options.timezone },
        (fireDate: Date) => {
          this.track(this.execute(job, fireDate, false));
        },
      );
      // node-schedule returns null instead of throwing on a bad rule or timezone.
      if (!handle) throw new Error(`could not schedule job ${job.name} (${job.cron})`);
      this.scheduled.push(handle);
    }
  }

  /** Runs, once each, the jobs whose latest slot has no successful run (missed in downtime). */
  async catchUp(): Promise<Array<{ job: string } & RunResult>> {
    const results: Array<{ job: string } & RunResult> = [];
    for (const job of this.options.jobs.filter((j) => j.catchUp)) {
      // a stop during the catch-up ends it: no job starts after stop() was asked
      if (this.stopped) break;
      const slot = latestSlot(job.cron, this.options.timezone, this.options.now());
      const result = await this.track(this.execute(job, slot, false));
      results.push({ job: job.name, ...result });
    }
    return results;
  }

  /**
   * Runs a job now for its latest slot (the Jobs panel, `dealfit jobs run`). `force` runs
   * it even when that slot already succeeded: a person asking for it again means it (the
   * once-per-period rule protects against restarts, not against an explicit request).
   */
  async runNow(
    name: string,
    options: { dryRun?: boolean; force?: boolean } = {},
  ): Promise<RunResult> {
    const job = this.options.jobs.find((j) => j.name === name);
    if (!job) throw new RangeError(`unknown job "${name}"`);
    const slot = latestSlot(job.cron, this.options.timezone, this.options.now());
    return this.track(this.execute(job, slot, options.dryRun ?? false, options.force ?? false));
  }

  nextInvocations(): Record<string, Date | null> {
    const next: Record<string, Date | null> = {};
    for (const handle of this.scheduled) {
      const at = handle.nextInvocation();
      next[handle.name] = at ? new Date(at.getTime()) : null;
    }
    return next;
  }

  /** Cancels future runs and waits for the ones in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const handle of this.scheduled.splice(0)) handle.cancel();
    await Promise.allSettled([...this.inFlight]);
  }

  private track(run: Promise<RunResult>): Promise<RunResult> {
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  private async execute(
    job: ScheduledJob,
    slot: Date,
    dryRun: boolean,
    force = false,
  ): Promise<RunResult> {
    const period = slot.toISOString();
    const log = this.options.logger ?? (() => {});
    if (this.running.has(job.name)) {
      log(`job ${job.name}: still running, slot ${period} skipped`);
      return { status: 'skipped', period, reason: 'the previous run is still going' };
    }
    if (!dryRun && !force && this.options.log.hasSucceeded(job.name, period)) {
      return { status: 'skipped', period, reason: 'already done for this period' };
    }
    this.running.add(job.name);
    const runId = dryRun ? null : this.options.log.start(job.name, period, this.options.now());
    try {
      const detail = await job.run({ period, scheduledAt: slot, dryRun });
      if (isSkipped(detail)) {
        if (runId !== null)
          this.options.log.finish(runId, 'skipped', this.options.now(), undefined, detail.skipped);
        log(`job ${job.name} ${period} skipped: ${detail.skipped}`);
        return { status: 'skipped', period, reason: detail.skipped };
      }
      if (runId !== null)
        this.options.log.finish(runId, 'succeeded', this.options.now(), undefined, detail);
      log(`job ${job.name} ${period}: ${detail ?? 'done'}`);
      return { status: 'succeeded', period, ...(detail ? { detail } : {}) };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      if (runId !== null) this.options.log.finish(runId, 'failed', this.options.now(), err.message);
      log(`job ${job.name} ${period} failed: ${err.message}`);
      this.options.onFailure?.(job.name, err);
      return { status: 'failed', period, error: err.message };
    } finally {
      this.running.delete(job.name);
    }
  }
}
