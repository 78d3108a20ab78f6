import { and, desc, eq } from 'drizzle-orm';
import type { JobRunLog } from '../../app/ports/job-run-log.js';
import {
  jobRunAbandoned,
  jobRunFinished,
  jobRunOf,
  jobRunStarted,
} from '../store-rows/job-run-rows.js';
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
        .values(jobRunStarted(job, period, startedAt, instance))
        .returning({ id: jobRuns.id })
        .get();
      return row.id;
    },
    finish(id, status, finishedAt, error, detail) {
      db.update(jobRuns)
        .set(jobRunFinished(status, finishedAt, error, detail))
        .where(eq(jobRuns.id, id))
        .run();
    },
    abandon(job, period, instance, at, error) {
      db.update(jobRuns)
        .set(jobRunAbandoned(at, error))
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
      return rows.map(jobRunOf);
    },
  });
}
