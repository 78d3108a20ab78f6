import { withoutAmount } from '../domain/figure-words.js';
import { type Command, emit } from './command.js';
import { AS_OF_OPTION, asOfValue, pct, runQueryCommand, textTable } from './metric-cli.js';

export const auditCommand: Command = {
  path: ['audit'],
  summary: 'Monthly rep audit: tiers against industry medians, routing advice, recoverable revenue',
  usage: 'audit [--month YYYY-MM] [--as-of DATE]',
  help: `Options:
  --month M   the audit month (default: the last complete month); covers the 12 months ending then`,
  options: { ...AS_OF_OPTION, month: { type: 'string' } },
  async run(ctx) {
    const r = await runQueryCommand(ctx, 'audit', {
      asOf: asOfValue(ctx),
      ...(ctx.values.month ? { month: ctx.values.month as string } : {}),
    });
    emit(ctx, r, () => {
      const pp = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}pp`;
      const lines = [
        `Rep audit ${r.month}: closed deals ${r.window.from}..${r.window.to} (data as of ${r.asOf}); cells with n ≥ 5`,
        `Industry medians: ${Object.entries(r.medians)
          .map(([k, v]) => `${k} ${pct(v)}`)
          .join(', ')}`,
        textTable([
          ['rep', 'tier', 'industries (rate vs median, n)'],
          ...r.reps.map((rep) => [
            rep.repId,
            rep.tier,
            rep.industries
              .map((x) => `${x.industry} ${pct(x.rate)} ${pp(x.vsMedian)} n=${x.n}`)
              .join('; '),
          ]),
        ]),
        `Counts: ${Object.entries(r.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      ];
      for (const a of r.routing) {
        lines.push(
          `Routing ${a.repId}: route to ${a.routeTo.map((x) => x.industry).join(', ') || '–'}; stop ${a.stop.map((x) => x.industry).join(', ') || '–'}`,
        );
      }
      lines.push(
        `Revenue recoverable if NEEDS COACHING reps reached the median: $${Math.round(r.recoverable).toLocaleString('en-US')}${withoutAmount(r.recoverableWithoutAmount)}`,
      );
      if (r.industryNotSet > 0) {
        lines.push(
          `${r.industryNotSet} closed deals with no industry set are in no industry's median or tier`,
        );
      }
      return lines.join('\n');
    });
    return 0;
  },
};
