/**
 * Who runs a job slot across instances (the `job_leases` table behind a port). A lease is
 * taken by insert-or-skip, renewed while the job runs, and released when it ends; one past
 * its expiry was left by a holder that stopped (a crash) and may be taken over.
 *
 * Every method returns a promise: the SQLite store answers at once, a networked store
 * (PostgreSQL) will not.
 */
export interface JobLease {
  job: string;
  period: string;
  /** the holding instance's id (InstanceStore) */
  holder: string;
  acquiredAt: string;
  expiresAt: string;
}

export type LeaseGrant =
  /** taken; `tookOver` = the expired lease it replaced (its holder stopped mid-run) */
  { acquired: true; tookOver: JobLease | null } | { acquired: false; heldBy: JobLease };

export interface JobLeaseStore {
  /**
   * Takes the lease of (job, period) for `holder` until `now + ttlMs`, unless another
   * holder's lease is still unexpired at `now`. Atomic across processes: of two
   * instances asking at once, one gets it.
   */
  acquire(
    job: string,
    period: string,
    holder: string,
    now: Date,
    ttlMs: number,
  ): Promise<LeaseGrant>;
  /** extends the holder's lease to `now + ttlMs`; false when it is no longer theirs */
  renew(job: string, period: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
  /** drops the lease if `holder` still has it */
  release(job: string, period: string, holder: string): Promise<void>;
  /** leases past their expiry at `now`: holders that stopped renewing */
  expired(now: Date): Promise<JobLease[]>;
  /** every lease held now (unexpired at `now`), by anyone */
  current(now: Date): Promise<JobLease[]>;
}
