import type { AucFigure } from '../domain/drivers.js';
import { type Command, emit } from './command.js';
import { AS_OF_OPTION, asOfValue, ciText, pct, runQueryCommand, textTable } from './metric-cli.js';

function aucText(a: AucFigure): string {
  if (a.value === null) return `undefined (${a.undefinedReason})`;
  const ci = a.ci ? `[${a.ci[0].toFixed(3)}, ${a.ci[1].toFixed(3)}]` : '';
  return `${a.value.toFixed(3)} ${ci}`;
}

export const driversCommand: Command = {
  path: ['drivers'],
  summary: 'Which facts known at assignment are associated with winning (time-split model)',
  usage: 'drivers [--as-of DATE]',
  options: { ...AS_OF_OPTION },
  async run(ctx) {
    const r = await runQueryCommand(ctx, 'drivers', { asOf: asOfValue(ctx) });
    emit(ctx, r, () =>
      [
        `Driver model ${r.version}, data as of ${r.asOf}`,
        `Training: ${r.training.n} deals closed ${r.training.from ?? '–'}..${r.training.to ?? '–'}; validation: ${r.validation.n} deals assigned ${r.validation.from ?? '–'}..${r.validation.to ?? '–'}`,
        'Validation AUC (95% bootstrap interval, 1,000 resamples):',
        `  rsfs alone:         ${aucText(r.auc.rsfs)}`,
        `  deal facts:         ${aucText(r.auc.deal)}`,
        `  deal facts + rsfs:  ${aucText(r.auc.combined)}`,
        '',
        'Odds ratios (associated with winning, not causes; 95% Wald intervals):',
        textTable([
          ['feature', 'odds ratio', '95% CI'],
          ...r.oddsRatios.map((o) => [
            o.feature,
            o.oddsRatio.toFixed(3),
            `[${o.ci[0].toFixed(3)}, ${o.ci[1].toFixed(3)}]`,
          ]),
        ]),
        '',
        'Win rate by sales cycle (descriptive only: the cycle is known at the close, never a predictor):',
        textTable([
          ['cycle', 'won', 'n', 'rate', '95% CI'],
          ...r.cycleBuckets.map((b) => [
            b.bucket,
            String(b.won),
            String(b.n),
            pct(b.rate),
            ciText(b.ci),
          ]),
        ]),
      ].join('\n'),
    );
    return 0;
  },
};
