/**
 * node-schedule, in process, with what a revenue team needs from it: every run logged in
 * job_runs, a job never overlaps itself, one catch-up run at start-up for a slot missed
 * during downtime, and a post at most once per (job, period) so a restart never
 * duplicates a digest.
 *
 * With several instances on one database (`leases`), every instance schedules every job
 * and a slot runs in the one that takes its lease: taken before the run-log check (so a
 * run that just finished elsewhere is seen), renewed while the job runs, released after
 * it. A lease left to expire by a crashed holder is taken over by the next instance's
 * sweep, which runs the slot again if it is still the job's latest.
 */
import cronParser from 'cron-parser';
import schedule from 'node-schedule';
import type { JobLease, JobLeaseStore } from '../app/ports/job-lease-store.js';
import type { JobRunLog } from '../app/ports/job-run-log.js';
import { isSkipped, type JobContext, type ScheduledJob } from '../app/ports/scheduler.js';
import type { Telemetry } from '../app/ports/telemetry.js';

export type { JobContext, ScheduledJob };

export type RunResult =
  | { status: 'succeeded'; period: string; detail?: string }
  | { status: 'failed'; period: string; error: string }
  | { status: 'skipped'; period: string; reason: string; heldBy?: string };

/** One run per job slot across the instances on one database. */
export interface SchedulerLeases {
  store: JobLeaseStore;
  /** this instance's id (the lease holder, job_runs.instance) */
  instanceId: string;
  /** a lease's life; the holder renews it every third of it while the job runs */
  ttlMs: number;
  /** how often expired leases (crashed holders) are looked for */
  sweepMs: number;
  /** wall clock of the leases, default the real one: expiry is real time, not the jobs' `now` */
  clock?: () => Date;
}

export interface SchedulerOptions {
  jobs: ScheduledJob[];
  timezone: string;
  log: JobRunLog;
  now: () => Date;
  onFailure?: (job: string, error: Error) => void;
  logger?: (line: string) => void;
  /** unset: this process is the only one running the jobs (unit tests of the scheduler) */
  leases?: SchedulerLeases;
  /** counts each run by outcome and times it (GET /metrics) */
  telemetry?: Pick<Telemetry, 'jobRun'>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  /** the slots whose lease this instance holds now, as `job@period` */
  private readonly held = new Set<string>();
  private sweep: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;
  private current: ScheduledJob[];

  constructor(private readonly options: SchedulerOptions) {
    if (!isValidTimezone(options.timezone)) {
      throw new RangeError(`timezone "${options.timezone}" is not a valid IANA timezone`);
    }
    this.checkJobs(options.jobs);
    this.current = options.jobs;
  }

  private checkJobs(jobs: readonly ScheduledJob[]): void {
    for (const job of jobs) {
      if (job.timezone !== undefined && !isValidTimezone(job.timezone)) {
        throw new RangeError(`job ${job.name}: "${job.timezone}" is not a valid IANA timezone`);
      }
      try {
        cronParser.parseExpression(job.cron, { tz: this.zoneOf(job) });
      } catch (error) {
        throw new RangeError(
          `job ${job.name}: bad cron "${job.cron}": ${(error as Error).message}`,
        );
      }
    }
  }

  get jobs(): ScheduledJob[] {
    return this.current;
  }

  /**
   * Swaps the set of jobs (the digest people's zones were resolved again and one moved
   * slot): the timers are set anew for the new set; a run in flight finishes. The run log
   * is by job name, so a job that stays keeps its "once per slot"; a job new to the set is
   * not caught up (its people had their slot in their former zone's job).
   */
  replaceJobs(jobs: ScheduledJob[]): void {
    this.checkJobs(jobs);
    this.current = jobs;
    if (!this.started || this.stopped) return;
    for (const handle of this.scheduled.splice(0)) handle.cancel();
    this.scheduleAll();
  }

  /** The zone a job's cron runs in: its own, else the scheduler's. */
  zoneOf(job: ScheduledJob): string {
    return job.timezone ?? this.options.timezone;
  }

  start(): void {
    this.started = true;
    this.scheduleAll();
    const leases = this.options.leases;
    if (leases) {
      this.sweep = setInterval(() => void this.takeOverExpired(), leases.sweepMs);
      this.sweep.unref();
    }
  }

  private scheduleAll(): void {
    for (const job of this.current) {
      const handle = schedule.scheduleJob(
        job.name,
        { rule: job.cron, tz: this.zoneOf(job) },
        (fireDate: Date) => {
          this.track(this.execute(job, fireDate, false));
        },
      );
      // node-schedule returns null instead of throwing on a bad rule or timezone.
      if (!handle) throw new Error(`could not schedule job ${job.name} (${job.cron})`);
      this.scheduled.push(handle);
    }
  }

  /** The slots whose lease this instance holds now (GET /healthz). */
  heldLeases(): Array<{ job: string; period: string }> {
    return [...this.held].map((key) => {
      // a job's name may hold an '@' (digest@Asia/Kolkata); a period (ISO time) never does
      const at = key.lastIndexOf('@');
      return { job: key.slice(0, at), period: key.slice(at + 1) };
    });
  }

  /** Runs, once each, the jobs whose latest slot has no successful run (missed in downtime). */
  async catchUp(): Promise<Array<{ job: string } & RunResult>> {
    const results: Array<{ job: string } & RunResult> = [];
    for (const job of this.current.filter((j) => j.catchUp)) {
      // a stop during the catch-up ends it: no job starts after stop() was asked
      if (this.stopped) break;
      const slot = latestSlot(job.cron, this.zoneOf(job), this.options.now());
      let result = await this.track(this.execute(job, slot, false));
      // Another instance has this slot, or this one runs it already (the takeover sweep
      // got there first): wait until it ends (or its lease expires), so the catch-up order
      // holds across instances (the metrics run after the sync) and "done" means done.
      while (
        result.status === 'skipped' &&
        (result.heldBy || this.running.has(job.name)) &&
        !this.stopped
      ) {
        await sleep(Math.min(1000, (this.options.leases?.ttlMs ?? 3000) / 3));
        result = await this.track(this.execute(job, slot, false));
      }
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
    const job = this.current.find((j) => j.name === name);
    if (!job) throw new RangeError(`unknown job "${name}"`);
    const slot = latestSlot(job.cron, this.zoneOf(job), this.options.now());
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
    clearInterval(this.sweep);
    for (const handle of this.scheduled.splice(0)) handle.cancel();
    await Promise.allSettled([...this.inFlight]);
  }

  private track(run: Promise<RunResult>): Promise<RunResult> {
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /**
   * A lease of a crashed holder: its run is marked abandoned, and the slot runs here if it
   * is still the job's latest (an older one was superseded: its lease is just dropped).
   */
  private async takeOverExpired(): Promise<void> {
    const leases = this.options.leases;
    if (!leases || this.stopped) return;
    const log = this.options.logger ?? (() => {});
    try {
      for (const lease of await leases.store.expired(this.leaseClock())) {
        const job = this.current.find((j) => j.name === lease.job);
        if (!job || this.running.has(job.name)) continue;
        const latest = latestSlot(job.cron, this.zoneOf(job), this.options.now());
        if (latest.toISOString() === lease.period) {
          this.track(this.execute(job, latest, false));
        } else {
          await this.abandoned(lease);
          await leases.store.release(lease.job, lease.period, lease.holder);
        }
      }
    } catch (error) {
      log(`job lease sweep failed: ${(error as Error).message}`);
    }
  }

  private leaseClock(): Date {
    return this.options.leases?.clock?.() ?? new Date();
  }

  private async abandoned(lease: JobLease): Promise<void> {
    const error = `instance ${lease.holder} stopped during the run (its lease expired at ${lease.expiresAt})`;
    await this.options.log.abandon(
      lease.job,
      lease.period,
      lease.holder,
      this.options.now(),
      error,
    );
    this.options.logger?.(`job ${lease.job} ${lease.period}: ${error}; taken over`);
  }

  /** Takes the slot's lease: null when taken, else why not (another instance has it). */
  private async takeLease(job: string, period: string): Promise<RunResult | null> {
    const leases = this.options.leases;
    if (!leases) return null;
    const grant = await leases.store.acquire(
      job,
      period,
      leases.instanceId,
      this.leaseClock(),
      leases.ttlMs,
    );
    if (!grant.acquired) {
      const holder = grant.heldBy.holder;
      return { status: 'skipped', period, reason: `running in instance ${holder}`, heldBy: holder };
    }
    if (grant.tookOver) await this.abandoned(grant.tookOver);
    this.held.add(`${job}@${period}`);
    return null;
  }

  /** Renews the slot's lease every third of its life until the returned stop is called. */
  private keepLease(job: string, period: string): () => Promise<void> {
    const leases = this.options.leases;
    if (!leases) return async () => {};
    const log = this.options.logger ?? (() => {});
    const timer = setInterval(() => {
      leases.store.renew(job, period, leases.instanceId, this.leaseClock(), leases.ttlMs).then(
        (kept) => {
          if (!kept) log(`job ${job} ${period}: lease lost to another instance while running`);
        },
        (error: Error) => log(`job ${job} ${period}: lease renewal failed: ${error.message}`),
      );
    }, leases.ttlMs / 3);
    return async () => {
      clearInterval(timer);
      this.held.delete(`${job}@${period}`);
      await leases.store.release(job, period, leases.instanceId);
    };
  }

  /** Every run, whatever its path (schedule, catch-up, run now), counted and timed once. */
  private async execute(
    job: ScheduledJob,
    slot: Date,
    dryRun: boolean,
    force = false,
  ): Promise<RunResult> {
    const started = performance.now();
    const result = await this.executeOnce(job, slot, dryRun, force);
    // a dry run is not logged in job_runs, and not counted either
    if (!dryRun) {
      this.options.telemetry?.jobRun(job.name, result.status, (performance.now() - started) / 1000);
    }
    return result;
  }

  private async executeOnce(
    job: ScheduledJob,
    slot: Date,
    dryRun: boolean,
    force: boolean,
  ): Promise<RunResult> {
    const period = slot.toISOString();
    const log = this.options.logger ?? (() => {});
    if (this.running.has(job.name)) {
      log(`job ${job.name}: still running, slot ${period} skipped`);
      return { status: 'skipped', period, reason: 'the previous run is still going' };
    }
    this.running.add(job.name);
    let release: () => Promise<void> = async () => {};
    try {
      // a dry run posts and stores nothing: it needs no lease
      if (!dryRun) {
        const notTaken = await this.takeLease(job.name, period);
        if (notTaken) return notTaken;
        release = this.keepLease(job.name, period);
        if (!force && (await this.options.log.hasSucceeded(job.name, period))) {
          return { status: 'skipped', period, reason: 'already done for this period' };
        }
      }
      return await this.runJob(job, slot, dryRun);
    } catch (error) {
      // the store failed before the job started (lease or run log): nothing ran
      const message = (error as Error).message;
      log(`job ${job.name} ${period} not started: ${message}`);
      return { status: 'failed', period, error: message };
    } finally {
      this.running.delete(job.name);
      await release().catch((error: Error) =>
        log(`job ${job.name} ${period}: lease release failed: ${error.message}`),
      );
    }
  }

  /** Runs the job, logged in job_runs (unless a dry run); never throws. */
  private async runJob(job: ScheduledJob, slot: Date, dryRun: boolean): Promise<RunResult> {
    const period = slot.toISOString();
    const log = this.options.logger ?? (() => {});
    const instance = this.options.leases?.instanceId;
    const runId = dryRun
      ? null
      : await this.options.log.start(job.name, period, this.options.now(), instance);
    try {
      const detail = await job.run({ period, scheduledAt: slot, dryRun });
      if (isSkipped(detail)) {
        if (runId !== null)
          await this.options.log.finish(
            runId,
            'skipped',
            this.options.now(),
            undefined,
            detail.skipped,
          );
        log(`job ${job.name} ${period} skipped: ${detail.skipped}`);
        return { status: 'skipped', period, reason: detail.skipped };
      }
      if (runId !== null)
        await this.options.log.finish(runId, 'succeeded', this.options.now(), undefined, detail);
      log(`job ${job.name} ${period}: ${detail ?? 'done'}`);
      return { status: 'succeeded', period, ...(detail ? { detail } : {}) };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      if (runId !== null)
        await this.options.log.finish(runId, 'failed', this.options.now(), err.message);
      log(`job ${job.name} ${period} failed: ${err.message}`);
      this.options.onFailure?.(job.name, err);
      return { status: 'failed', period, error: err.message };
    }
  }
}
