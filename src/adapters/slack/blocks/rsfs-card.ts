/** The /rsfs answer: one deal's rep-segment fit, its flag and the co-lead candidates. */
import type { ColeadCandidate, Flag, RsfsReport } from '../../../app/queries/query-results.js';
import { INDUSTRY_NOT_SET } from '../../../domain/fit-score.js';
import { asOfContext, context, esc, fallback, header, pct, section, usd } from './format.js';
import type { Block, SlackMessage } from './types.js';

export const FLAG_EMOJI: Record<Flag, string> = {
  RED: ':red_circle:',
  YELLOW: ':large_yellow_circle:',
  GREEN: ':large_green_circle:',
};

const FLAG_MEANING: Record<Flag, string> = {
  RED: 'below the 25th percentile',
  YELLOW: 'below the median',
  GREEN: 'at or above the median',
};

/** RSFS is shown as a score with three decimals, as in the design's examples. */
export function score(value: number): string {
  return value.toFixed(3);
}

export function sourceText(r: RsfsReport): string {
  if (r.industryNotSet) {
    // metrics.md "Missing values": no industry, so the owner's pooled overall rate
    return r.source === 'rep'
      ? `${INDUSTRY_NOT_SET}: ${esc(r.repId)}'s overall rate, pooled towards the team's (k = ${r.k})`
      : `${INDUSTRY_NOT_SET}, and ${esc(r.repId)} has too little history: mostly the team-wide rate (k = ${r.k})`;
  }
  switch (r.source) {
    case 'rep-industry':
      return `from ${esc(r.repId)}'s own ${esc(r.industry)} history (n = ${r.raw.n} ≥ 5), pooled with strength k = ${r.k} towards the rep's overall rate (itself pooled towards the team's, k_rep = ${Math.round(r.kRep)})`;
    case 'rep':
      return `${esc(r.repId)} has only ${r.raw.n} closed ${esc(r.industry)} deals (< 5): mostly the rep's overall rate (k = ${r.k})`;
    case 'global':
      return `${esc(r.repId)} has too little history: mostly the team-wide rate (k = ${r.k})`;
  }
}

export function historyText(r: RsfsReport): string {
  if (r.industryNotSet) {
    return `The deal's industry is not set, so there is no industry record: the fit is ${esc(r.repId)}'s record over all industries in the 365 days before ${r.assignedAt}`;
  }
  const rate = r.raw.rate === null ? '' : ` (${pct(r.raw.rate)})`;
  return `${esc(r.repId)} won ${r.raw.won} of ${r.raw.n} ${esc(r.industry)} deals${rate} closed in the 365 days before ${r.assignedAt}`;
}

export function candidateText(c: ColeadCandidate, industry: string): string {
  return `${esc(c.repId)} — RSFS ${score(c.rsfs)} in ${esc(industry)} (n = ${c.n})`;
}

export function flagText(r: RsfsReport): string {
  return `${FLAG_EMOJI[r.flag]} *${r.flag}* — ${FLAG_MEANING[r.flag]}: percentile ${Math.round(r.percentile)} of ${r.reference.size} deals assigned ${r.reference.from} to ${r.reference.to}`;
}

export function buildRsfsCard(r: RsfsReport): SlackMessage {
  const d = r.deal;
  const status = d.closed ? `closed after ${d.ageDays} days` : `open for ${d.ageDays} days`;
  const blocks: Block[] = [
    header(`RSFS — deal ${r.dealId}`),
    {
      type: 'section',
      fields: [
        {
          type: 'mrkdwn',
          text: `*Deal*\n${esc(r.dealId)} (${esc(r.industry)}, ${esc(d.region)}, ${esc(d.product)}, ${esc(d.leadSource)})`,
        },
        { type: 'mrkdwn', text: `*Rep*\n${esc(r.repId)} (assigned ${r.assignedAt})` },
        {
          type: 'mrkdwn',
          text: `*RSFS*\n${score(r.rsfs)} (90% CI ${score(r.ci[0])}–${score(r.ci[1])})`,
        },
        {
          type: 'mrkdwn',
          text: `*Amount · stage*\n${usd(d.amount)} · ${esc(d.stage)} · ${status}`,
        },
      ],
    },
    section(`${flagText(r)}\n${historyText(r)}\n_${sourceText(r)}_`),
  ];
  if (r.coleadCandidates.length > 0) {
    blocks.push(
      section(
        `*Co-lead candidates* (highest fit in ${esc(r.industry)}):\n${r.coleadCandidates
          .slice(0, 10)
          .map((c) => `> ${candidateText(c, r.industry)}`)
          .join('\n')}`,
      ),
    );
  } else if (r.noColead) {
    blocks.push(context(esc(r.noColead)));
  } else {
    blocks.push(context(`no other rep has ≥ 5 closed ${esc(r.industry)} deals in the window`));
  }
  blocks.push(
    asOfContext(
      r.asOf,
      'fit is associated with winning, not a cause; no outcome after assignment is used',
    ),
  );
  const text = `RSFS ${score(r.rsfs)} (${r.flag}) for deal ${r.dealId}, rep ${r.repId} in ${r.industry} — data as of ${r.asOf}`;
  return { text: fallback(text), blocks };
}
