/**
 * The JobLeaseStore port on PostgreSQL. `acquire` is one statement: insert the lease, or
 * take over the row when it is this holder's or past its expiry; the row lock of the
 * upsert serialises two instances asking at once, and the loser's statement returns
 * nothing (then the holder's row is read and reported).
 */
import type { JobLeaseStore } from '../../app/ports/job-lease-store.js';
import { leaseTakenOver, leaseUntil } from '../../domain/expiry.js';
import { LEASE_COLUMNS as COLUMNS, type LeaseRow, toLease } from '../store-rows/lease-rows.js';
import { type PgDb, rows } from './database.js';

export function pgJobLeaseStore(db: PgDb): JobLeaseStore {
  const c = db.$client;
  const acquire: JobLeaseStore['acquire'] = async (job, period, holder, now, ttlMs) => {
    const at = now.toISOString();
    const until = leaseUntil(now, ttlMs);
    // `before` is the row as it was (its old holder), read in the same statement
    const [taken] = await rows<
      LeaseRow & {
        before_holder: string | null;
        before_acquired: string | null;
        before_expires: string | null;
      }
    >(
      c,
      `with before as (select ${COLUMNS} from job_leases where job = $1 and period = $2)
         insert into job_leases (${COLUMNS}) values ($1, $2, $3, $4, $5)
         on conflict (job, period) do update set holder = excluded.holder,
           acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
         where job_leases.holder = excluded.holder or job_leases.expires_at <= $4
         returning ${COLUMNS},
           (select holder from before) as before_holder,
           (select acquired_at from before) as before_acquired,
           (select expires_at from before) as before_expires`,
      [job, period, holder, at, until],
    );
    if (taken) {
      const before =
        taken.before_holder === null
          ? null
          : toLease({
              job,
              period,
              holder: taken.before_holder,
              acquired_at: taken.before_acquired!,
              expires_at: taken.before_expires!,
            });
      return { acquired: true, tookOver: leaseTakenOver(before, holder) };
    }
    const [held] = await rows<LeaseRow>(
      c,
      `select ${COLUMNS} from job_leases where job = $1 and period = $2`,
      [job, period],
    );
    if (!held) return acquire(job, period, holder, now, ttlMs); // released meanwhile
    return { acquired: false, heldBy: toLease(held) };
  };
  return {
    acquire,
    renew: async (job, period, holder, now, ttlMs) =>
      (
        await c.query(
          'update job_leases set expires_at = $1 where job = $2 and period = $3 and holder = $4',
          [leaseUntil(now, ttlMs), job, period, holder],
        )
      ).rowCount === 1,
    async release(job, period, holder) {
      await c.query('delete from job_leases where job = $1 and period = $2 and holder = $3', [
        job,
        period,
        holder,
      ]);
    },
    expired: async (now) =>
      (
        await rows<LeaseRow>(
          c,
          `select ${COLUMNS} from job_leases where expires_at <= $1 order by expires_at`,
          [now.toISOString()],
        )
      ).map(toLease),
    current: async (now) =>
      (
        await rows<LeaseRow>(
          c,
          `select ${COLUMNS} from job_leases where expires_at > $1 order by acquired_at`,
          [now.toISOString()],
        )
      ).map(toLease),
  };
}
