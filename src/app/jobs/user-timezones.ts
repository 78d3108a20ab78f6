/**
 * The digest people's zones, asked of Slack (users.info `tz`, through the UserZones port)
 * at start-up and once a day, never per run: the jobs are built from this snapshot, so a
 * person who moved zone moves slot at the next resolution. A person Slack gives no zone
 * (or whose lookup failed: the adapter logs it) maps to null and follows DEALFIT_TIMEZONE.
 */
import type { UserZones } from '../ports/user-zones.js';

export type UserTimezones = Readonly<Record<string, string | null>>;

/**
 * Each person's zone, or null. `timeoutMs` bounds the wait: a Slack that is slow or down
 * (the WebClient retries for minutes) must not hold back start-up; who has no answer by
 * then falls back now, and a late answer is in the cache for the next resolution.
 */
export async function resolveUserTimezones(
  zones: UserZones,
  users: readonly string[],
  timeoutMs = 10_000,
): Promise<UserTimezones> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const entries = await Promise.all(
      users.map(
        async (user) =>
          [user, await Promise.race([zones.zoneOf(user).catch(() => null), late])] as const,
      ),
    );
    return Object.fromEntries(entries);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether two snapshots put every person in the same zone (then the jobs stay as they are). */
export function sameTimezones(a: UserTimezones, b: UserTimezones): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? null) === (b[k] ?? null));
}
