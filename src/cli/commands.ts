/** Every `dealfit` sub-command, in the order `dealfit --help` lists them. */
import type { Command } from './command.js';
import { generateCommand } from './generate-command.js';
import { statusCommand } from './status-command.js';

export const commands: Command[] = [statusCommand, generateCommand];
