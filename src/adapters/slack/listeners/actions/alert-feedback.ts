/** "Useful" / "Not useful" under an alert: recorded against the logged alert. */
import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ProactiveActions } from '../../deps.js';
import { clickContext } from './click-context.js';

export function alertFeedback(actions: ProactiveActions, useful: boolean) {
  return async ({ ack, body, action }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const click = clickContext(body, action.value);
    if (!click) return;
    await actions.alertFeedback({
      alertId: click.assignmentId,
      userId: click.userId,
      channel: click.channel,
      useful,
    });
  };
}
