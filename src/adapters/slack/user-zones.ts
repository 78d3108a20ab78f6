/**
 * UserZones over Slack's users.info `tz`, each answer cached for a day: a person's zone
 * changes rarely, and users.info is rate-limited (Tier 4), so a batch of DMs asks once per
 * person. A failed lookup (or a zone the runtime does not know) answers null, uncached, so
 * the DM still goes out in the fallback zone and the next one asks again.
 */
import type { webApi } from '@slack/bolt';
import type { UserZones } from '../../app/ports/user-zones.js';

export const USER_ZONE_TTL_MS = 24 * 3600_000;

export interface SlackUserZonesOptions {
  /** the cache's clock, default the real one */
  now?: () => Date;
  ttlMs?: number;
  log?: (line: string) => void;
}

function knownZone(tz: unknown): string | null {
  if (typeof tz !== 'string' || tz === '') return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return null;
  }
}

export function createSlackUserZones(
  client: Pick<webApi.WebClient, 'users'>,
  options: SlackUserZonesOptions = {},
): UserZones {
  const now = options.now ?? (() => new Date());
  const ttlMs = options.ttlMs ?? USER_ZONE_TTL_MS;
  const cache = new Map<string, { zone: string; at: number }>();
  // concurrent asks for one person share one users.info call
  const inFlight = new Map<string, Promise<string | null>>();
  return {
    zoneOf(userId) {
      const hit = cache.get(userId);
      if (hit && now().getTime() - hit.at < ttlMs) return Promise.resolve(hit.zone);
      const pending = inFlight.get(userId);
      if (pending) return pending;
      const ask = client.users
        .info({ user: userId })
        .then(
          (res) => {
            const zone = knownZone(res.user?.tz);
            if (zone) cache.set(userId, { zone, at: now().getTime() });
            return zone;
          },
          (error: Error) => {
            options.log?.(`users.info ${userId}: ${error.message}; using the default zone`);
            return null;
          },
        )
        .finally(() => inFlight.delete(userId));
      inFlight.set(userId, ask);
      return ask;
    },
  };
}
