/** job_runs rows ↔ the JobRunLog port: what a start, a finish and an abandon write. */
import type { JobRun, JobRunStatus } from '../../app/ports/job-run-log.js';

export const jobRunStarted = (
  job: string,
  period: string,
  startedAt: Date,
  instance: string | undefined,
) => ({
  job,
  period,
  startedAt: startedAt.toISOString(),
  status: 'running' as JobRunStatus,
  instance: instance ?? null,
});

export const jobRunFinished = (
  status: JobRunStatus,
  finishedAt: Date,
  error: string | undefined,
  detail: string | undefined,
) => ({
  status,
  finishedAt: finishedAt.toISOString(),
  error: error ?? null,
  detail: detail ?? null,
});

/** a running run of an instance that is gone: failed, with why */
export const jobRunAbandoned = (at: Date, error: string) => ({
  status: 'failed' as JobRunStatus,
  finishedAt: at.toISOString(),
  error,
});

export const jobRunOf = <R extends Omit<JobRun, 'status'> & { status: string }>(r: R) =>
  ({ ...r, status: r.status as JobRunStatus }) satisfies JobRun;
