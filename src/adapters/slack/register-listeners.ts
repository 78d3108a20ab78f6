/** Fans out to one small listener per Slack surface (the bolt-ts-starter layout). */
import type { App } from '@slack/bolt';
import { auditCommand } from './commands/audit.js';
import { rsfsCommand } from './commands/rsfs.js';
import { winrateCommand } from './commands/winrate.js';
import type { SlackDeps } from './deps.js';
import { appHomeOpened } from './events/app-home-opened.js';
import { COMMANDS } from './ids.js';

export function registerListeners(app: App, deps: SlackDeps): void {
  app.command(COMMANDS.winrate, winrateCommand(deps));
  app.command(COMMANDS.rsfs, rsfsCommand(deps));
  app.command(COMMANDS.audit, auditCommand(deps));
  app.event('app_home_opened', appHomeOpened(deps));
}
