/** Fans out to one small listener per Slack surface (the bolt-ts-starter layout). */
import type { App } from '@slack/bolt';
import type { SlackDeps } from './deps.js';
import { ACTION_IDS, COMMANDS } from './ids.js';
import { alertFeedback } from './listeners/actions/alert-feedback.js';
import { coleadApprove } from './listeners/actions/colead-approve.js';
import { coleadDecline } from './listeners/actions/colead-decline.js';
import { coleadReassign } from './listeners/actions/colead-reassign.js';
import { auditCommand } from './listeners/commands/audit.js';
import { rsfsCommand } from './listeners/commands/rsfs.js';
import { winrateCommand } from './listeners/commands/winrate.js';
import { appHomeOpened } from './listeners/events/app-home-opened.js';

export function registerListeners(app: App, deps: SlackDeps): void {
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
  }
}
