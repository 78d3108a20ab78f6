/**
 * The JobLeaseStore port on SQLite. Several processes on one file take turns through
 * SQLite's write lock: `acquire` reads and writes in one IMMEDIATE transaction, so two
 * instances asking for the same slot at once are serialised and one of them gets it.
 */
import type { JobLeaseStore, LeaseGrant } from '../../app/ports/job-lease-store.js';
import { leaseHeldByAnother, leaseTakenOver, leaseUntil } from '../../domain/expiry.js';
import { LEASE_COLUMNS as COLUMNS, type LeaseRow, toLease } from '../store-rows/lease-rows.js';
import type { Db } from './database.js';

export function sqliteJobLeaseStore(db: Db): JobLeaseStore {
  const sqlite = db.$client;
  const read = sqlite.prepare<[string, string], LeaseRow>(
    `select ${COLUMNS} from job_leases where job = ? and period = ?`,
  );
  const upsert = sqlite.prepare(
    `insert into job_leases (${COLUMNS}) values (?, ?, ?, ?, ?)
     on conflict (job, period) do update set holder = excluded.holder,
       acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
  );
  const extend = sqlite.prepare(
    'update job_leases set expires_at = ? where job = ? and period = ? and holder = ?',
  );
  const drop = sqlite.prepare('delete from job_leases where job = ? and period = ? and holder = ?');
  const before = sqlite.prepare<[string], LeaseRow>(
    `select ${COLUMNS} from job_leases where expires_at <= ? order by expires_at`,
  );
  const after = sqlite.prepare<[string], LeaseRow>(
    `select ${COLUMNS} from job_leases where expires_at > ? order by acquired_at`,
  );
  const take = sqlite.transaction(
    (job: string, period: string, holder: string, now: Date, ttlMs: number): LeaseGrant => {
      const at = now.toISOString();
      const row = read.get(job, period);
      const existing = row && toLease(row);
      if (existing && leaseHeldByAnother(existing, holder, at)) {
        return { acquired: false, heldBy: existing };
      }
      upsert.run(job, period, holder, at, leaseUntil(now, ttlMs));
      return { acquired: true, tookOver: leaseTakenOver(existing, holder) };
    },
  );
  return {
    // IMMEDIATE: the write lock before the read, so no other process slips in between
    acquire: async (job, period, holder, now, ttlMs) =>
      take.immediate(job, period, holder, now, ttlMs),
    renew: async (job, period, holder, now, ttlMs) =>
      extend.run(leaseUntil(now, ttlMs), job, period, holder).changes === 1,
    release: async (job, period, holder) => {
      drop.run(job, period, holder);
    },
    expired: async (now) => before.all(now.toISOString()).map(toLease),
    current: async (now) => after.all(now.toISOString()).map(toLease),
  };
}
