import { and, desc, eq } from 'drizzle-orm';
import type { JobRunLog } from '../../app/ports/job-run-log.js';
import {
  jobRunAbandoned,
  jobRunFinished,
  jobRunOf,
  jobRunStarted,
} from '../store-rows/job-run-rows.js';
import type { PgDb } from './database.js';
import { jobRuns } from './schema.js';

/** The scheduler's run log on PostgreSQL (the SQLite one: adapters/storage/job-run-store.ts). */
export function pgJobRunLog(db: PgDb): JobRunLog {
  return {
    async hasSucceeded(job, period) {
      const found = await db
        .select({ id: jobRuns.id })
        .from(jobRuns)
        .where(
          and(eq(jobRuns.job, job), eq(jobRuns.period, period), eq(jobRuns.status, 'succeeded')),
        )
        .limit(1);
      return found.length > 0;
    },
    async start(job, period, startedAt, instance) {
      const [row] = await db
        .insert(jobRuns)
        .values(jobRunStarted(job, period, startedAt, instance))
        .returning({ id: jobRuns.id });
      return row!.id;
    },
    async finish(id, status, finishedAt, error, detail) {
      await db
        .update(jobRuns)
        .set(jobRunFinished(status, finishedAt, error, detail))
        .where(eq(jobRuns.id, id));
    },
    async abandon(job, period, instance, at, error) {
      await db
        .update(jobRuns)
        .set(jobRunAbandoned(at, error))
        .where(
          and(
            eq(jobRuns.job, job),
            eq(jobRuns.period, period),
            eq(jobRuns.instance, instance),
            eq(jobRuns.status, 'running'),
          ),
        );
    },
    async recent(limit, job) {
      const query = db.select().from(jobRuns);
      const found = await (job ? query.where(eq(jobRuns.job, job)) : query)
        .orderBy(desc(jobRuns.id))
        .limit(limit);
      return found.map(jobRunOf);
    },
  };
}
