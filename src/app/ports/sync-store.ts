/** Where a CRM sync stands, as the jobs and the sync read it (the ops signal after 3 failures in a row). */

import type { SyncHealth } from '../../domain/sync-health.js';

export type { SyncHealth };

/** Consecutive failures from which a CRM sync counts as failing (spec: "after 3 failures"). */
export const FAILING_SYNC_THRESHOLD = 3;

export interface SyncStore {
  health(source: string): Promise<SyncHealth>;
}
