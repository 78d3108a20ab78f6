/** "Snooze 7 days / 30 days" under an alert: stored with who and until when. */
import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ProactiveActions } from '../../deps.js';
import { clickContext } from './click-context.js';

export function alertSnooze(actions: ProactiveActions) {
  return async ({ ack, body, action }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const click = clickContext(body, action.value);
    const days = Number((action.value ?? '').split('|')[1]);
    if (!click || !Number.isInteger(days) || days < 1 || days > 90) return;
    await actions.alertSnooze({
      alertId: click.assignmentId,
      userId: click.userId,
      channel: click.channel,
      days,
    });
  };
}
