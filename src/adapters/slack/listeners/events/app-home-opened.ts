/** Publishes the Home tab (pipeline health) whenever a user opens it. */
import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildAppHome } from '../../blocks/app-home.js';
import type { SlackDeps } from '../../deps.js';

export function appHomeOpened(
  deps: SlackDeps,
): Middleware<SlackEventMiddlewareArgs<'app_home_opened'>> {
  return async ({ event, client }) => {
    // The Messages tab fires the same event; only the Home tab shows our view.
    if (event.tab !== 'home') return;
    await client.views.publish({
      user_id: event.user,
      view: buildAppHome(await deps.home()),
    });
  };
}
