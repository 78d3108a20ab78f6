/** job_leases rows ↔ the JobLeaseStore port's JobLease. */
import type { JobLease } from '../../app/ports/job-lease-store.js';

export interface LeaseRow {
  job: string;
  period: string;
  holder: string;
  acquired_at: string;
  expires_at: string;
}

export const LEASE_COLUMNS = 'job, period, holder, acquired_at, expires_at';

export const toLease = (r: LeaseRow): JobLease => ({
  job: r.job,
  period: r.period,
  holder: r.holder,
  acquiredAt: r.acquired_at,
  expiresAt: r.expires_at,
});
