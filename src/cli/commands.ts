/** Every `dealfit` sub-command, in the order `dealfit --help` lists them. */
import type { Command } from './command.js';
import { importCommand } from './import-command.js';
import { quarantineCommand } from './quarantine-command.js';
import { statusCommand } from './status-command.js';

export const commands: Command[] = [importCommand, quarantineCommand, statusCommand];
