/** Fans out to one small listener per Slack surface (the bolt-ts-starter layout). */
import type { App } from '@slack/bolt';
import type { SlackConversation, SlackDeps } from './deps.js';
import { ACTION_IDS, ALERT_SNOOZE_PATTERN, ASK_FOLLOW_UP_PATTERN, COMMANDS } from './ids.js';
import { alertFeedback } from './listeners/actions/alert-feedback.js';
import { alertSnooze } from './listeners/actions/alert-snooze.js';
import { askFollowUp } from './listeners/actions/ask-follow-up.js';
import { coleadApprove } from './listeners/actions/colead-approve.js';
import { coleadDecline } from './listeners/actions/colead-decline.js';
import { coleadReassign } from './listeners/actions/colead-reassign.js';
import { auditCommand } from './listeners/commands/audit.js';
import { rsfsCommand } from './listeners/commands/rsfs.js';
import { winrateCommand } from './listeners/commands/winrate.js';
import { appHomeOpened } from './listeners/events/app-home-opened.js';
import { appMention } from './listeners/events/app-mention.js';
import { messageEvent } from './listeners/events/message.js';

/**
 * What makes a delivery a repeat, taken once across every instance on the database: an
 * Events API event by its `event_id` (Bolt acks an event before any middleware runs, so a
 * retry with X-Slack-Retry-Num is acked and dropped); a slash command by its `trigger_id`
 * (below). Button clicks need no key: their effect is a conditional update in the store,
 * exactly once however often they arrive.
 */
async function isRepeat(
  body: unknown,
  retryNum: number | undefined,
  conversation: Pick<SlackConversation, 'firstDelivery' | 'delivered'>,
): Promise<boolean> {
  const b = body as { event_id?: unknown; command?: unknown; trigger_id?: unknown };
  if (typeof b.event_id === 'string') return !(await conversation.firstDelivery(b.event_id));
  if (typeof b.command === 'string' && typeof b.trigger_id === 'string') {
    return isRepeatCommand(b.trigger_id, retryNum !== undefined, conversation);
  }
  return false;
}

/**
 * A slash command and Slack's retry of it are answered once, whichever instance takes
 * which first: whoever takes `command:<trigger>` answers. A retry marks itself before it
 * tries, so an original that finds the key taken can tell a retry beat it (dropped) from
 * another original with the same trigger id (answered: a trigger id is unique per
 * invocation in Slack, not in every client that sends one). Deciding on "is it a retry"
 * alone answered twice when the retry, sent to another instance, was taken first.
 */
async function isRepeatCommand(
  trigger: string,
  retry: boolean,
  conversation: Pick<SlackConversation, 'firstDelivery' | 'delivered'>,
): Promise<boolean> {
  if (retry) {
    await conversation.firstDelivery(`command-retry:${trigger}`);
    return !(await conversation.firstDelivery(`command:${trigger}`));
  }
  if (await conversation.firstDelivery(`command:${trigger}`)) return false;
  return conversation.delivered(`command-retry:${trigger}`);
}

export function registerListeners(app: App, deps: SlackDeps): void {
  const inFlight = deps.inFlight;
  // first: Bolt's next() settles when the listeners have answered (charts included)
  if (inFlight) app.use(({ next }) => inFlight.track(next()));
  const conversation = deps.conversation;
  if (conversation) {
    app.use(async ({ body, context, next, ...args }) => {
      if (await isRepeat(body, context.retryNum, conversation)) {
        // a command must still be acked, or Slack shows the user an error for the retry
        if ('ack' in args && typeof args.ack === 'function') await args.ack();
        return;
      }
      await next();
    });
    app.event('app_mention', appMention(deps));
    app.event('message', messageEvent(deps));
    app.action(ASK_FOLLOW_UP_PATTERN, askFollowUp(deps));
  }
  app.command(COMMANDS.winrate, winrateCommand(deps));
  app.command(COMMANDS.rsfs, rsfsCommand(deps));
  app.command(COMMANDS.audit, auditCommand(deps));
  app.event('app_home_opened', appHomeOpened(deps));
  const actions = deps.proactive;
  if (actions) {
    app.action(ACTION_IDS.coleadApprove, coleadApprove(actions));
    app.action(ACTION_IDS.coleadReassign, coleadReassign(actions));
    app.action(ACTION_IDS.coleadAlternate, coleadReassign(actions));
    app.action(ACTION_IDS.coleadDecline, coleadDecline(actions));
    app.action(ACTION_IDS.alertUseful, alertFeedback(actions, true));
    app.action(ACTION_IDS.alertNotUseful, alertFeedback(actions, false));
    app.action(ALERT_SNOOZE_PATTERN, alertSnooze(actions));
  }
}
