import { and, desc, eq } from 'drizzle-orm';
import type { JobRun, JobRunLog, JobRunStatus } from '../../app/ports/job-run-log.js';
import type { Db } from './database.js';
import { promised } from './promised.js';
import { jobRuns } from './schema.js';

export function createJobRunLog(db: Db): JobRunLog {
  return promised<JobRunLog>({
    hasSucceeded(job, period) {
      const row = db
        .select({ id: jobRuns.id })
        .from(jobRuns)
        .where(
          and(eq(jobRuns.job, job), eq(jobRuns.period, period), eq(jobRuns.status, 'succeeded')),
        )
        .get();
      return row !== undefined;
    },
    start(job, period, startedAt, instance) {
      const row = db
        .insert(jobRuns)
        .values({
          job,
          period,
          startedAt: startedAt.toISOString(),
          status: 'running',
          instance: instance ?? null,
        })
        .returning({ id: jobRuns.id })
        .get();
      return row.id;
    },
    finish(id, status, finishedAt, error, detail) {
      db.update(jobRuns)
        .set({
          status,
          finishedAt: finishedAt.toISOString(),
          error: error ?? null,
          detail: detail ?? null,
        })
        .where(eq(jobRuns.id, id))
        .run();
    },
    abandon(job, period, instance, at, error) {
      db.update(jobRuns)
        .set({ status: 'failed', finishedAt: at.toISOString(), error })
        .where(
          and(
            eq(jobRuns.job, job),
            eq(jobRuns.period, period),
            eq(jobRuns.instance, instance),
            eq(jobRuns.status, 'running'),
          ),
        )
        .run();
    },
    recent(limit, job) {
      const query = db.select().from(jobRuns);
      const rows = (job ? query.where(eq(jobRuns.job, job)) : query)
        .orderBy(desc(jobRuns.id))
        .limit(limit)
        .all();
      return rows.map((r) => ({ ...r, status: r.status as JobRunStatus }) satisfies JobRun);
    },
  });
}
