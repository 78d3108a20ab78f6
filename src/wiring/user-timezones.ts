/**
 * The digest people's Slack zones for the CLI (`dealfit jobs list`, `jobs run`): asked once
 * through users.info when Slack is configured, so the CLI shows and runs the same per-zone
 * jobs as the running app; without Slack every person follows DEALFIT_TIMEZONE.
 */
import { createSlackUserZones } from '../adapters/slack/user-zones.js';
import { resolveUserTimezones, type UserTimezones } from '../app/jobs/user-timezones.js';
import type { Config } from '../config.js';

export async function cliUserTimezones(
  config: Config,
  log: (line: string) => void,
): Promise<UserTimezones> {
  const slack = config.slack;
  if (!slack || config.digestUsers.length === 0) return {};
  const { webApi } = await import('@slack/bolt');
  const client = new webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    // a command answers now: one try per person, else the fallback zone
    retryConfig: { retries: 0 },
  });
  return resolveUserTimezones(createSlackUserZones(client, { log }), config.digestUsers, 5000);
}
