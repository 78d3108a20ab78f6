/**
 * When what the stores keep stops counting: a thread's last reading, a Slack event id taken,
 * a job slot's lease. Pure: `now` is always given. Both stores decide with these; the SQL
 * that applies them stays in each store.
 */

export const DAY_MS = 86_400_000;

/** Slack retries an event for about an hour at most: a day of ids is plenty */
export const EVENT_MEMORY_MS = DAY_MS;

/** The ISO instant `ms` after `now`. */
export const instantAfter = (now: Date, ms: number): string =>
  new Date(now.getTime() + ms).toISOString();

/** A thread's reading saved at `now` expires `ttlDays` later. */
export const readingExpiresAt = (now: Date, ttlDays: number): string =>
  instantAfter(now, ttlDays * DAY_MS);

/** Event ids seen before this instant are forgotten. */
export const eventsForgottenBefore = (now: Date): string => instantAfter(now, -EVENT_MEMORY_MS);

interface Lease {
  holder: string;
  /** ISO instant */
  expiresAt: string;
}

/** A lease taken or renewed at `now` runs until `ttlMs` later. */
export const leaseUntil = (now: Date, ttlMs: number): string => instantAfter(now, ttlMs);

/** Whether `existing` keeps `holder` from taking the slot at `at` (another's, unexpired). */
export const leaseHeldByAnother = (
  existing: Lease | null | undefined,
  holder: string,
  at: string,
): boolean => !!existing && existing.holder !== holder && existing.expiresAt > at;

/** The lease `holder` took over: the one it replaced when that was another holder's. */
export const leaseTakenOver = <L extends Lease>(
  replaced: L | null | undefined,
  holder: string,
): L | null => (replaced && replaced.holder !== holder ? replaced : null);
