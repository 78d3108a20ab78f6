/** Decline on a co-lead card: ack, then the co-lead workflow decides (managers only, exactly once). */
import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ProactiveActions } from '../../deps.js';
import { clickContext } from './click-context.js';

export function coleadDecline(actions: ProactiveActions) {
  return async ({ ack, body, action }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const click = clickContext(body, action.value);
    if (!click) return;
    await actions.declineColead(click);
  };
}
