/** Fans out to one small listener per Slack surface (the bolt-ts-starter layout). */
import type { App } from '@slack/bolt';
import type { SlackDeps } from './deps.js';
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

export function registerListeners(app: App, deps: SlackDeps): void {
  // Bolt acks an event before any middleware runs, so a retried delivery
  // (X-Slack-Retry-Num, same event_id) is acked and dropped here: answered once
  const conversation = deps.conversation;
  if (conversation) {
    app.use(async ({ body, next }) => {
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string' && !conversation.firstDelivery(eventId)) return;
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
