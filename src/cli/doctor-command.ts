import { doctorText } from '../app/doctor/doctor-text.js';
import { runDoctorOn } from '../wiring/doctor.js';
import { type Command, emit } from './command.js';

export const doctorCommand: Command = {
  path: ['doctor'],
  summary:
    'Check the setup: configuration, database, Slack token, scopes and channels, Salesforce, webhook',
  usage: 'doctor [--db PATH] [--json]',
  help: `One line per check, ok / warn / fail, with the fix for each warning and failure:
  configuration  every bad variable, the timezone, the channels that are not set
  database       opens, migrations applied, deals present, how old the data is
  slack          auth.test (token, workspace, bot user), the granted scopes against
                 manifest.json's, each configured channel: exists, dealfit is a member
  salesforce     a login and one limits call (when SALESFORCE_* is set)
  webhook        DEALFIT_WEBHOOK_SECRET, when the webhook is on
Exits 0 when nothing fails (warnings allowed), 1 otherwise. A bad variable is reported
here as a failure instead of stopping the command.`,
  acceptsBadConfig: true,
  async run(ctx) {
    const report = await runDoctorOn(ctx.config, {
      configIssues: ctx.configIssues,
      dbPath: ctx.dbPath,
      now: ctx.now,
    });
    emit(ctx, report, () => doctorText(report));
    return report.ok ? 0 : 1;
  },
};
