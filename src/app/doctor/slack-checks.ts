/**
 * The Slack lines: the token (auth.test), the scopes it was granted against the manifest's,
 * and each configured channel: does it exist, is dealfit in it (conversations.info). These
 * are the usual reasons a Slack app "does nothing".
 */
import type { SlackProbe } from '../ports/setup-probes.js';
import { type Check, fail, ok, warn } from './checks.js';
import { CHANNEL_PURPOSES, type ChannelPurpose, type DoctorSetup } from './setup.js';

/** auth.test errors that mean the token itself is wrong: nothing can work with it. */
const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
]);

/** Without it dealfit cannot post anything; every other scope disables one feature. */
const ESSENTIAL_SCOPE = 'chat:write';

const REINSTALL =
  'update the app from manifest.json (app settings → App Manifest), then OAuth & Permissions → Reinstall to Workspace; the token stays the same';

export async function slackChecks(setup: DoctorSetup, probe: SlackProbe): Promise<Check[]> {
  const auth = await probe.auth();
  if (!auth.ok) {
    const bad = TOKEN_ERRORS.has(auth.error);
    return [
      fail(
        'slack',
        'token',
        bad
          ? `Slack refuses SLACK_BOT_TOKEN (${auth.error})`
          : `auth.test failed: ${auth.error}${auth.detail ? ` (${auth.detail})` : ''}`,
        bad
          ? "copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page into SLACK_BOT_TOKEN; if the app was uninstalled, install it again"
          : 'check that this machine reaches Slack (proxy, firewall; SLACK_API_URL if set), then run `dealfit doctor` again',
        bad,
      ),
    ];
  }
  const me = auth.value;
  const checks: Check[] = [
    ok('slack', 'token', `valid: workspace ${me.team} (${me.teamId}), bot user ${me.botUserId}`),
  ];
  checks.push(scopeCheck(setup.manifestScopes, me.scopes));
  checks.push(...(await channelChecks(setup, probe)));
  checks.push(...(await userChecks(setup, probe)));
  return checks;
}

/**
 * Each DEALFIT_DIGEST_USERS person: users.info must know them (else their digest DM fails
 * every Monday), and their Slack zone is said, or that the digest falls back.
 */
async function userChecks(setup: DoctorSetup, probe: SlackProbe): Promise<Check[]> {
  const checks: Check[] = [];
  for (const id of setup.digestUsers ?? []) {
    const name = `@${id}`;
    const info = probe.user ? await probe.user(id) : null;
    if (info === null) continue;
    if (!info.ok) {
      if (info.error === 'user_not_found') {
        checks.push(
          warn(
            'slack',
            name,
            `DEALFIT_DIGEST_USERS: Slack knows no user ${id}: their weekly digest DM will fail`,
            'check the id (profile → ⋮ → Copy member ID, U…) or remove it from DEALFIT_DIGEST_USERS',
          ),
        );
      } else if (info.error === 'missing_scope') {
        checks.push(
          warn(
            'slack',
            name,
            `cannot check DEALFIT_DIGEST_USERS: the token lacks ${info.detail ?? 'users:read'}; digest DMs use ${setup.timezone}`,
            `grant ${info.detail ?? 'users:read'} (see the scopes line): ${REINSTALL}`,
          ),
        );
      } else {
        checks.push(
          warn(
            'slack',
            name,
            `DEALFIT_DIGEST_USERS: users.info ${id} failed (${info.error})`,
            'run `dealfit doctor` again; if it persists, check the user in Slack',
          ),
        );
      }
      continue;
    }
    if (info.value.deleted) {
      checks.push(
        warn(
          'slack',
          name,
          `DEALFIT_DIGEST_USERS: ${id} is deactivated: their weekly digest DM will fail`,
          `remove ${id} from DEALFIT_DIGEST_USERS`,
        ),
      );
    } else {
      const zone = info.value.tz
        ? `Monday 08:00 ${info.value.tz}`
        : `Monday 08:00 ${setup.timezone} (Slack gives no zone: DEALFIT_TIMEZONE)`;
      checks.push(ok('slack', name, `DEALFIT_DIGEST_USERS: the digest DM goes out ${zone}`));
    }
  }
  return checks;
}

function scopeCheck(wanted: readonly string[], granted: string[] | null): Check {
  if (granted === null) {
    return warn(
      'slack',
      'scopes',
      'Slack did not say which scopes the token has (no x-oauth-scopes header)',
      `check OAuth & Permissions → Bot Token Scopes against manifest.json: ${wanted.join(', ')}`,
    );
  }
  const missing = wanted.filter((s) => !granted.includes(s));
  if (missing.length === 0) {
    return ok('slack', 'scopes', `all ${wanted.length} scopes of manifest.json granted`);
  }
  const detail = `missing ${missing.length === 1 ? 'scope' : 'scopes'} ${missing.join(', ')} (manifest.json asks for them; granted: ${granted.join(', ') || 'none'})`;
  return missing.includes(ESSENTIAL_SCOPE)
    ? fail('slack', 'scopes', `${detail}: nothing can be posted`, REINSTALL)
    : warn('slack', 'scopes', detail, REINSTALL);
}

async function channelChecks(setup: DoctorSetup, probe: SlackProbe): Promise<Check[]> {
  // one channel may serve several purposes: check it once, name them all
  const purposes = new Map<string, Array<{ variable: string; what: string }>>();
  const use = (id: string, u: { variable: string; what: string }) =>
    purposes.set(id, [...(purposes.get(id) ?? []), u]);
  for (const purpose of Object.keys(CHANNEL_PURPOSES) as ChannelPurpose[]) {
    const id = setup.channels[purpose];
    if (id) use(id, CHANNEL_PURPOSES[purpose]);
  }
  for (const id of setup.digestChannels ?? []) {
    use(id, { variable: 'DEALFIT_DIGEST_CHANNELS', what: 'weekly digest posts' });
  }
  const checks: Check[] = [];
  for (const [id, uses] of purposes) {
    const variables = uses.map((u) => u.variable).join(', ');
    const what = uses.map((u) => u.what).join('; ');
    const info = await probe.channel(id);
    if (!info.ok) {
      if (info.error === 'missing_scope') {
        checks.push(
          warn(
            'slack',
            id,
            `cannot check ${variables}: the token lacks ${info.detail ?? 'channels:read'}`,
            `grant ${info.detail ?? 'channels:read'} (see the scopes line): ${REINSTALL}`,
          ),
        );
      } else if (info.error === 'channel_not_found') {
        checks.push(
          warn(
            'slack',
            id,
            `${variables}: no channel ${id} that dealfit can see: ${what} will fail to post`,
            'check the id (channel details → About, C…); a private channel shows only after `/invite @dealfit` in it',
          ),
        );
      } else {
        checks.push(
          warn(
            'slack',
            id,
            `${variables}: conversations.info failed (${info.error})`,
            'run `dealfit doctor` again; if it persists, check the channel in Slack',
          ),
        );
      }
      continue;
    }
    const c = info.value;
    const label = c.name ? `#${c.name}` : id;
    if (c.isArchived) {
      checks.push(
        warn(
          'slack',
          label,
          `${variables}: ${label} is archived: ${what} cannot be posted`,
          `unarchive ${label} or set ${variables} to another channel`,
        ),
      );
    } else if (!c.isMember) {
      checks.push(
        warn(
          'slack',
          label,
          `${variables}: dealfit is not a member of ${label}: ${what} fail with not_in_channel`,
          `type \`/invite @dealfit\` in ${label}`,
        ),
      );
    } else {
      checks.push(ok('slack', label, `${variables}: dealfit is a member (${what})`));
    }
  }
  return checks;
}
