/**
 * The SlackProbe on the Web API: auth.test (the granted scopes come back in its
 * `x-oauth-scopes` header, which the WebClient puts in `response_metadata.scopes`) and
 * conversations.info for a channel's existence and the bot's membership.
 */
import type { webApi } from '@slack/bolt';
import type {
  Probed,
  SlackAuth,
  SlackChannel,
  SlackProbe,
  SlackUser,
} from '../../app/ports/setup-probes.js';

type WebClient = webApi.WebClient;

/** Slack's error code (`invalid_auth`, `missing_scope`, …) or the transport's message. */
function failure(error: unknown): { ok: false; error: string; detail?: string } {
  const data = (error as { data?: { error?: string; needed?: string } }).data;
  if (data?.error) {
    return { ok: false, error: data.error, ...(data.needed ? { detail: data.needed } : {}) };
  }
  return { ok: false, error: (error as Error).message };
}

export function createSlackProbe(client: WebClient): SlackProbe {
  return {
    async auth(): Promise<Probed<SlackAuth>> {
      try {
        const res = await client.auth.test();
        return {
          ok: true,
          value: {
            team: res.team ?? '(unnamed)',
            teamId: res.team_id ?? '',
            botUserId: res.user_id ?? '',
            scopes: res.response_metadata?.scopes ?? null,
          },
        };
      } catch (error) {
        return failure(error);
      }
    },
    async channel(id: string): Promise<Probed<SlackChannel>> {
      try {
        const res = await client.conversations.info({ channel: id });
        const c = res.channel;
        return {
          ok: true,
          value: {
            id,
            name: c?.name ?? null,
            // a DM is always "joined": Slack leaves is_member out there
            isMember: c?.is_im === true || c?.is_member === true,
            isArchived: c?.is_archived === true,
          },
        };
      } catch (error) {
        return failure(error);
      }
    },
    async user(id: string): Promise<Probed<SlackUser>> {
      try {
        const res = await client.users.info({ user: id });
        const tz = res.user?.tz;
        return {
          ok: true,
          value: {
            id,
            tz: typeof tz === 'string' && tz !== '' ? tz : null,
            deleted: res.user?.deleted === true,
          },
        };
      } catch (error) {
        return failure(error);
      }
    },
  };
}
