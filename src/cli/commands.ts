/** Every `dealfit` sub-command, in the order `dealfit --help` lists them. */

import { alertsListCommand } from './alerts-command.js';
import { askCommand } from './ask-command.js';
import { auditCommand } from './audit-command.js';
import { coleadListCommand, coleadProposeCommand } from './colead-command.js';
import type { Command } from './command.js';
import { doctorCommand } from './doctor-command.js';
import { driversCommand } from './drivers-command.js';
import { generateCommand } from './generate-command.js';
import { hygieneCommand } from './hygiene-command.js';
import { importCommand } from './import-command.js';
import { jobsListCommand, jobsRunCommand } from './jobs-command.js';
import { metricsRunCommand } from './metrics-run-command.js';
import { momentumCommand } from './momentum-command.js';
import { quarantineCommand } from './quarantine-command.js';
import { rsfsCommand } from './rsfs-command.js';
import { statusCommand } from './status-command.js';
import { syncSalesforceCommand } from './sync-command.js';
import { winrateCommand } from './winrate-command.js';

export const commands: Command[] = [
  statusCommand,
  doctorCommand,
  importCommand,
  syncSalesforceCommand,
  quarantineCommand,
  hygieneCommand,
  generateCommand,
  winrateCommand,
  rsfsCommand,
  momentumCommand,
  askCommand,
  driversCommand,
  auditCommand,
  metricsRunCommand,
  coleadProposeCommand,
  coleadListCommand,
  alertsListCommand,
  jobsListCommand,
  jobsRunCommand,
];
