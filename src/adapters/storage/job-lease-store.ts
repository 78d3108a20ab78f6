/**
 * The JobLeaseStore port on SQLite. Several processes on one file take turns through
 * SQLite's write lock: `acquire` reads and writes in one IMMEDIATE transaction, so two
 * instances asking for the same slot at once are serialised and one of them gets it.
 */
import type { JobLease, JobLeaseStore, LeaseGrant } from '../../app/ports/job-lease-store.js';
import type { Db } from './database.js';

interface LeaseRow {
  job: string;
  period: string;
  holder: string;
  acquired_at: string;
  expires_at: string;
}

const toLease = (r: LeaseRow): JobLease => ({
  job: r.job,
  period: r.period,
  holder: r.holder,
  acquiredAt: r.acquired_at,
  expiresAt: r.expires_at,
});

const COLUMNS = 'job, period, holder, acquired_at, expires_at';

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
      const existing = read.get(job, period);
      if (existing && existing.holder !== holder && existing.expires_at > at) {
        return { acquired: false, heldBy: toLease(existing) };
      }
      upsert.run(job, period, holder, at, new Date(now.getTime() + ttlMs).toISOString());
      const tookOver = existing && existing.holder !== holder ? toLease(existing) : null;
      return { acquired: true, tookOver };
    },
  );
  return {
    // IMMEDIATE: the write lock before the read, so no other process slips in between
    acquire: async (job, period, holder, now, ttlMs) =>
      take.immediate(job, period, holder, now, ttlMs),
    renew: async (job, period, holder, now, ttlMs) =>
      extend.run(new Date(now.getTime() + ttlMs).toISOString(), job, period, holder).changes === 1,
    release: async (job, period, holder) => {
      drop.run(job, period, holder);
    },
    expired: async (now) => before.all(now.toISOString()).map(toLease),
    current: async (now) => after.all(now.toISOString()).map(toLease),
  };
}
