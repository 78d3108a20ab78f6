/** GET /metrics' counts: when the cached deal counts are stale, and the jobs' last successes. */

/**
 * The deal counts' cache key: the data version, and the newest finished run (a sync's
 * first versions of new deals write no history row, and its run was inserted before them).
 */
export const dealCountsVersion = (dataVersion: string, finished: string | null | undefined) =>
  `${dataVersion}:${finished ?? ''}`;

export const jobLastSuccessOf = (rows: Array<{ job: string; finishedAt: string | null }>) =>
  rows.flatMap((r) => (r.finishedAt ? [{ job: r.job, finishedAt: r.finishedAt }] : []));
