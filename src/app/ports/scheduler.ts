/**
 * What the scheduler runs: a named job on a cron with what it does. The jobs use case
 * (app/jobs/jobs.ts) builds them; the node-schedule adapter (adapters/scheduler.ts) runs them.
 */
export interface JobContext {
  /** the schedule slot this run serves (ISO time of the slot) */
  period: string;
  scheduledAt: Date;
  dryRun: boolean;
}

export interface ScheduledJob {
  name: string;
  /** five-field cron in `timezone` */
  cron: string;
  /** IANA zone of the cron; unset: the scheduler's (DEALFIT_TIMEZONE) */
  timezone?: string;
  description: string;
  /**
   * where its posts go, for the Jobs view: channel ids and people as `@U123 (their zone)`;
   * absent for the jobs that post nothing of their own
   */
  destinations?: string[];
  /** run once at start-up if the latest slot was missed */
  catchUp: boolean;
  /** returns a short detail for the run log (e.g. "posted 2 alerts"), or why it skipped */
  run(ctx: JobContext): Promise<string | undefined | JobSkipped>;
}

/**
 * The job had nothing to do (no deals yet, no CRM): logged as `skipped` in job_runs, not as
 * a failure, so no ops alert; the slot is not done, so it runs again next time.
 */
export interface JobSkipped {
  skipped: string;
}

export function isSkipped(outcome: string | undefined | JobSkipped): outcome is JobSkipped {
  return typeof outcome === 'object' && outcome !== null && 'skipped' in outcome;
}
