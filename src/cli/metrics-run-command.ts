import { runMetrics } from '../app/jobs/metrics-run.js';
import { openStore } from '../wiring/open-store.js';
import { type Command, emit } from './command.js';
import { AS_OF_OPTION, asOfValue } from './metric-cli.js';

export const metricsRunCommand: Command = {
  path: ['metrics', 'run'],
  summary: 'Compute and store every figure for the as-of date (re-running replaces that date)',
  usage: 'metrics run [--as-of DATE]',
  options: { ...AS_OF_OPTION },
  async run(ctx) {
    const opened = await openStore({ dbPath: ctx.dbPath, databaseUrl: ctx.config.databaseUrl });
    const { summary } = await runMetrics(opened.store, {
      asOf: asOfValue(ctx),
      now: ctx.now,
    }).finally(() => opened.close());
    emit(ctx, summary, () =>
      [
        `Metrics stored for ${summary.asOf}: ${summary.deals} deals (${summary.openDeals} open)`,
        `metric rows ${summary.metricRows}, open deals scored ${summary.scoredDeals} (RED ${summary.flags.RED}, YELLOW ${summary.flags.YELLOW}, GREEN ${summary.flags.GREEN})`,
        `audit ${summary.auditMonth} (the driver model is refit weekly: \`dealfit jobs run drivers\`)`,
        `timings (s): ${Object.entries(summary.timings)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      ].join('\n'),
    );
    return 0;
  },
};
