/**
 * The people behind rep ids, for questions that name them ("how is Dana doing?",
 * "@Dana's deals"): DEALFIT_REP_USERS maps rep ids to Slack users, and the workspace's
 * user list gives their names. Names are read once at start-up and then daily, in the
 * background; until then (or when users:read fails) mentions still work by user id.
 */
import type { webApi } from '@slack/bolt';
import type { RepPerson } from '../app/conversation/lexicon.js';

const DAY_MS = 86_400_000;

export interface RepPeople {
  people(): readonly RepPerson[];
  /** reads the names now; resolves even when Slack cannot be reached */
  refresh(): Promise<void>;
  stop(): void;
}

export function repPeople(
  repUsers: Record<string, string>,
  client: webApi.WebClient,
  log: (line: string) => void,
): RepPeople {
  const byUser = new Map(Object.entries(repUsers).map(([repId, user]) => [user, repId]));
  let people: RepPerson[] = [...byUser].map(([slackUserId, repId]) => ({ repId, slackUserId }));
  let timer: NodeJS.Timeout | undefined;
  const refresh = async () => {
    if (byUser.size === 0) return;
    try {
      const names = new Map<string, string>();
      let cursor: string | undefined;
      do {
        const page = await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
        for (const m of page.members ?? []) {
          const name = m.real_name ?? m.profile?.real_name ?? m.name;
          if (m.id && name && byUser.has(m.id)) names.set(m.id, name);
        }
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      people = [...byUser].map(([slackUserId, repId]) => ({
        repId,
        slackUserId,
        ...(names.has(slackUserId) ? { name: names.get(slackUserId)! } : {}),
      }));
    } catch (error) {
      log(`rep names not read from Slack (${(error as Error).message}): mentions still work`);
    }
  };
  return {
    people: () => people,
    refresh: async () => {
      await refresh();
      timer ??= setInterval(() => void refresh(), DAY_MS);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
