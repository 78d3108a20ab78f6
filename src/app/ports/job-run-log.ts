/** The scheduler's record of job runs (the `job_runs` table behind a port). */
export type JobRunStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

export interface JobRun {
  id: number;
  job: string;
  period: string;
  startedAt: string;
  finishedAt: string | null;
  status: JobRunStatus;
  error: string | null;
  detail: string | null;
  /** the instance that ran it; null when unknown (runs logged before instances) */
  instance: string | null;
}

export interface JobRunLog {
  /** a run of this job for this period already succeeded (posts are idempotent per period) */
  hasSucceeded(job: string, period: string): Promise<boolean>;
  start(job: string, period: string, startedAt: Date, instance?: string): Promise<number>;
  finish(
    id: number,
    status: Exclude<JobRunStatus, 'running'>,
    finishedAt: Date,
    error?: string,
    detail?: string,
  ): Promise<void>;
  recent(limit: number, job?: string): Promise<JobRun[]>;
  /**
   * Marks `instance`'s runs of (job, period) still 'running' as failed with `error`: that
   * instance stopped mid-run (its lease expired) and another one takes the slot over.
   */
  abandon(job: string, period: string, instance: string, at: Date, error: string): Promise<void>;
}
