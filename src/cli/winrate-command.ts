import { DIMENSIONS, type Dimension } from '../domain/deal.js';
import { type Command, emit, UsageError } from './command.js';
import {
  AS_OF_OPTION,
  asOfValue,
  ciText,
  pct,
  rateText,
  runQueryCommand,
  textTable,
} from './metric-cli.js';

export const winrateCommand: Command = {
  path: ['winrate'],
  summary: 'Win rate with 95% Wilson intervals, by segment, weekly trend and why it moved',
  usage: 'winrate [--by industry|region|product|leadSource|rep] [--window 90|all] [--as-of DATE]',
  help: `Options:
  --by DIM        segment by one dimension (default: all of them)
  --window W      days in the window, or "all" (default 90)
  --as-of DATE    compute as of this date (default: the data's as-of date)`,
  options: { ...AS_OF_OPTION, by: { type: 'string' }, window: { type: 'string', default: '90' } },
  async run(ctx) {
    const by = ctx.values.by as string | undefined;
    if (by !== undefined && !(DIMENSIONS as readonly string[]).includes(by)) {
      throw new UsageError(`--by must be one of ${DIMENSIONS.join(', ')}, got "${by}"`);
    }
    const w = ctx.values.window as string;
    const window = w === 'all' ? 'all' : Number(w);
    if (window !== 'all' && !(Number.isInteger(window) && window > 0)) {
      throw new UsageError(`--window must be a number of days or "all", got "${w}"`);
    }
    const report = await runQueryCommand(ctx, 'winRate', {
      asOf: asOfValue(ctx),
      window,
      ...(by ? { by: by as Dimension } : {}),
    });
    emit(ctx, report, () => {
      const label = window === 'all' ? 'all closed deals' : `last ${window} days`;
      const lines = [`Win rate, ${label}, data as of ${report.asOf}: ${rateText(report.overall)}`];
      if (report.previous) lines.push(`Previous ${window} days: ${rateText(report.previous)}`);
      lines.push(
        '',
        textTable([
          ['dimension', 'segment', 'won', 'n', 'rate', '95% CI', ''],
          ...report.segments.map((s) => [
            s.dimension,
            s.value,
            String(s.won),
            String(s.n),
            pct(s.rate),
            ciText(s.ci),
            s.lowSample ? 'low sample' : '',
          ]),
        ]),
      );
      lines.push(
        '',
        `Weekly trend (rolling ${window === 'all' ? 'all' : `${window} d`} at each Sunday):`,
      );
      lines.push(
        textTable([
          ['week end', 'won', 'n', 'rate', '95% CI'],
          ...report.trend.map((t) => [
            t.weekEnd,
            String(t.won),
            String(t.n),
            pct(t.rate),
            ciText(t.ci),
          ]),
        ]),
      );
      lines.push(`Consecutive weekly declines: ${report.consecutiveDeclines}`);
      const b = report.biggestContributor;
      if (b) {
        lines.push(
          `Biggest contributor to the change: ${b.dimension} ${b.segment} ${(b.total * 100).toFixed(1)}pp (rate ${(b.rateEffect * 100).toFixed(1)}pp, mix ${(b.mixEffect * 100).toFixed(1)}pp; ${rateText(b.previous)} → ${rateText(b.current)})`,
        );
      }
      return lines.join('\n');
    });
    return 0;
  },
};
