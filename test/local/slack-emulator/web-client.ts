/** A WebClient pointed at an emulator, without retries so a failure shows at once. */
import { webApi } from '@slack/bolt';
import type { SlackEmulator } from '../../../src/local/slack-emulator/server.js';

export function clientFor(
  slack: SlackEmulator,
  token: string,
  options: webApi.WebClientOptions = {},
): webApi.WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: slack.apiUrl,
    logLevel: webApi.LogLevel.ERROR,
    retryConfig: { retries: 0 },
    ...options,
  });
}
