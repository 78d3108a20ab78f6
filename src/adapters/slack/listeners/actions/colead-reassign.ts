/**
 * Reassign on a co-lead card: the alternate picked in the select, or with the button, the
 * next alternate in line. Managers only; the card is updated in place.
 */
import type {
  BlockButtonAction,
  BlockStaticSelectAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import type { ProactiveActions } from '../../deps.js';
import { clickContext } from './click-context.js';

export function coleadReassign(actions: ProactiveActions) {
  return async ({
    ack,
    body,
    action,
  }: SlackActionMiddlewareArgs<BlockButtonAction | BlockStaticSelectAction>) => {
    await ack();
    const value = action.type === 'static_select' ? action.selected_option.value : action.value;
    const click = clickContext(body, value);
    if (!click) return;
    const repId = action.type === 'static_select' ? value?.split('|')[1] : undefined;
    await actions.reassignColead(repId ? { ...click, repId } : click);
  };
}
