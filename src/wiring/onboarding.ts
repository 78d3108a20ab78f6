/**
 * What App Home shows a new install (no deals yet): whether Salesforce is configured, and
 * each channel dealfit posts to with whether the bot is in it (conversations.info, asked
 * when the Home tab is opened, so an /invite shows at the next open).
 */
import type { HomeOnboarding, OnboardingChannel } from '../adapters/slack/blocks/app-home.js';
import { CHANNEL_PURPOSES, type ChannelPurpose } from '../app/doctor/setup.js';
import type { SlackProbe } from '../app/ports/setup-probes.js';
import type { Config } from '../config.js';

export async function readOnboarding(config: Config, slack: SlackProbe): Promise<HomeOnboarding> {
  const purposes = Object.keys(CHANNEL_PURPOSES) as ChannelPurpose[];
  const channels = await Promise.all(
    purposes.map(async (purpose): Promise<OnboardingChannel> => {
      const { variable, what } = CHANNEL_PURPOSES[purpose];
      const id = config.channels[purpose] ?? null;
      if (!id) return { variable, what, id: null, member: null };
      const info = await slack.channel(id);
      if (info.ok) return { variable, what, id, member: info.value.isMember };
      // a private channel the bot is not in is invisible to it: as good as "not in it"
      if (info.error === 'channel_not_found') return { variable, what, id, member: false };
      return { variable, what, id, member: null, problem: info.error };
    }),
  );
  return { salesforce: config.salesforce !== undefined, channels };
}
