import { type Command, emit } from './command.js';
import { AS_OF_OPTION, asOfValue, pct, runQueryCommand, textTable } from './metric-cli.js';

export const momentumCommand: Command = {
  path: ['momentum'],
  summary: 'Segment momentum (SMI) quarter over quarter, with p-values and FDR significance',
  usage: 'momentum [--quarter 2024Q2] [--partial] [--as-of DATE]',
  help: `Options:
  --quarter Q   the quarter to compare with the one before (default: last complete one)
  --partial     allow the running quarter, cut at the as-of date`,
  options: {
    ...AS_OF_OPTION,
    quarter: { type: 'string' },
    partial: { type: 'boolean', default: false },
  },
  async run(ctx) {
    const r = await runQueryCommand(ctx, 'momentum', {
      asOf: asOfValue(ctx),
      ...(ctx.values.quarter ? { quarter: ctx.values.quarter as string } : {}),
      partial: ctx.values.partial === true,
    });
    emit(ctx, r, () => {
      const rows = [...r.segments].sort((a, b) => a.smi - b.smi);
      const lines = [
        `Momentum ${r.previousQuarter} → ${r.quarter}${r.partial ? ' (partial)' : ''}, data as of ${r.asOf}; significant = Benjamini–Hochberg at FDR ${r.fdr}`,
        textTable([
          [
            'dimension',
            'segment',
            'previous',
            'n',
            'current',
            'n',
            'share',
            'smi',
            'p',
            'significant',
            'baseline',
            'n',
            'decline p',
            'declining',
          ],
          ...rows.map((s) => [
            s.dimension,
            s.value,
            pct(s.previous.rate),
            String(s.previous.n),
            pct(s.current.rate),
            String(s.current.n),
            pct(s.share),
            s.smi.toFixed(4),
            s.p === null ? '–' : s.p.toFixed(3),
            s.significant ? 'yes' : 'no',
            s.baseline ? pct(s.baseline.rate) : '–',
            s.baseline ? String(s.baseline.n) : '0',
            s.declineP === null ? '–' : s.declineP.toFixed(3),
            s.declineSignificant ? 'yes' : 'no',
          ]),
        ]),
      ];
      const m = r.mostNegative;
      if (m)
        lines.push(
          `Most negative: ${m.dimension} ${m.value}, smi ${m.smi.toFixed(4)}${m.significant ? '' : ' (not significant)'}`,
        );
      const base = `the four quarters before (${r.baselineQuarters.from}–${r.baselineQuarters.to})`;
      lines.push(
        r.significantDeclines.length > 0
          ? `Significant declines vs ${base}: ${r.significantDeclines.map((d) => `${d.dimension} ${d.value} (smi ${d.smi.toFixed(4)}, p = ${d.declineP?.toFixed(3)})`).join(', ')}`
          : `No segment's decline vs ${base} is significant (one-sided, BH at FDR ${r.fdr}).`,
      );
      return lines.join('\n');
    });
    return 0;
  },
};
