import { INDUSTRY_NOT_SET } from '../domain/fit-score.js';
import { type Command, emit } from './command.js';
import { AS_OF_OPTION, asOfValue, ciText, pct, runQueryCommand } from './metric-cli.js';

export const rsfsCommand: Command = {
  path: ['rsfs'],
  summary: "A deal's rep-segment fit score: owner's record in the industry before assignment",
  usage: 'rsfs <dealId> [--as-of DATE]',
  options: { ...AS_OF_OPTION },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const dealId = ctx.positionals[0]!;
    const r = await runQueryCommand(ctx, 'rsfs', { dealId, asOf: asOfValue(ctx) });
    emit(ctx, r, () => {
      const raw = r.raw.n > 0 ? `${r.raw.won}/${r.raw.n} = ${pct(r.raw.rate)}` : 'no closed deals';
      return [
        `Deal ${r.dealId}: ${r.repId}, ${r.industry}, assigned ${r.assignedAt} (data as of ${r.asOf})`,
        `RSFS ${pct(r.rsfs)}, 90% interval ${ciText(r.ci)}, ${r.flag} (percentile ${r.percentile.toFixed(0)} of ${r.reference.size} deals assigned ${r.reference.from}..${r.reference.to})`,
        r.industryNotSet
          ? `${INDUSTRY_NOT_SET}: the score is ${r.repId}'s pooled overall rate over the 365 days before assignment; source: ${r.source}; pooling k = ${r.k.toFixed(1)}, k_rep = ${r.kRep.toFixed(1)}`
          : `History in ${r.industry} over the 365 days before assignment: ${raw}; source: ${r.source}; pooling k = ${r.k.toFixed(1)}, k_rep = ${r.kRep.toFixed(1)}`,
        r.coleadCandidates.length
          ? `Co-lead candidates: ${r.coleadCandidates.map((c) => `${c.repId} ${pct(c.rsfs)} (n=${c.n})`).join(', ')}`
          : r.noColead
            ? `Co-lead candidates: none; ${r.noColead}`
            : 'Co-lead candidates: none with 5 or more closed deals in this industry',
      ].join('\n');
    });
    return 0;
  },
};
