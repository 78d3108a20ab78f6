/** Where a CRM sync stands, as the jobs and the sync read it (the ops signal after 3 failures in a row). */

/** Consecutive failures from which a CRM sync counts as failing (spec: "after 3 failures"). */
export const FAILING_SYNC_THRESHOLD = 3;

export interface SyncHealth {
  source: string;
  /** failed runs since the last success (runs still 'running' neither count nor break it) */
  consecutiveFailures: number;
  /** start of the first failure of the streak */
  failingSince: string | null;
  lastError: string | null;
  lastSuccessAt: string | null;
  /** data as of the last successful run: what every message keeps showing */
  lastGoodDataAsOf: string | null;
}

export interface SyncStore {
  health(source: string): Promise<SyncHealth>;
}
