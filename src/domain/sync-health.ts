/**
 * Where a CRM sync stands, folded from its runs: the failure streak since the last success
 * and what that success left. Both stores read the runs; the meaning of them lives here once.
 */

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

export interface SyncRunOutcome {
  status: string;
  startedAt: string;
  finishedAt: string | null;
  dataAsOf: string | null;
  error: string | null;
}

/** `runs`: the source's runs, newest first. */
export function foldSyncHealth(source: string, runs: Iterable<SyncRunOutcome>): SyncHealth {
  const health: SyncHealth = {
    source,
    consecutiveFailures: 0,
    failingSince: null,
    lastError: null,
    lastSuccessAt: null,
    lastGoodDataAsOf: null,
  };
  for (const run of runs) {
    if (run.status === 'succeeded') {
      health.lastSuccessAt = run.finishedAt ?? run.startedAt;
      health.lastGoodDataAsOf = run.dataAsOf;
      break;
    }
    if (run.status !== 'failed') continue;
    health.consecutiveFailures += 1;
    health.failingSince = run.startedAt;
    health.lastError ??= run.error;
  }
  return health;
}
