/**
 * The co-lead deal flag card for managers: a RED deal, the proposed co-lead, the expected
 * lift with its interval, and Approve / Reassign / Decline buttons plus a select of
 * alternates. The click handlers come with the co-lead workflow; ids are in ids.ts.
 */
import type { ColeadCandidate, RsfsReport } from '../../../app/queries/query-results.js';
import type { Lift } from '../../../domain/co-lead.js';
import { evidenceSentence, type FitEvidence } from '../../../domain/fit-evidence.js';
import { ACTION_IDS, BLOCK_IDS } from '../ids.js';
import { asOfContext, esc, fallback, header, pct, pp, section, short, usd } from './format.js';
import { candidateText, FLAG_EMOJI, historyText, score } from './rsfs-card.js';
import type { ActionsBlock, Block, SlackMessage } from './types.js';

/** Deals older than this are past the "sweet spot" the design talks about. */
export const SWEET_SPOT_DAYS = 30;

export interface ColeadCardInput {
  rsfs: RsfsReport;
  /** the proposal's id; buttons carry it so the click handler finds the assignment */
  assignmentId: string;
  colead: ColeadCandidate | null;
  /** why nobody was proposed (all at their advisory cap, no candidates) */
  noneReason?: string;
  /**
   * rsfs(co-lead) − rsfs(owner) with its interval at level 1 − 0.10/m (metrics.md
   * "Co-lead matching" step 4)
   */
  lift: Lift | null;
  /** the other two of the top 3 */
  alternates: ColeadCandidate[];
  /** whether fit goes with winning on this data (null on cards stored before it) */
  evidence: FitEvidence | null;
}

/** "97.5% CI …, best of 4": the level, and why it is not 90%. */
export function liftInterval(lift: Lift): string {
  const level = `${(lift.level * 100).toFixed(1).replace(/\.0$/, '')}%`;
  const picked = lift.candidates > 1 ? `, the best of ${lift.candidates} candidates` : '';
  return `${level} CI ${pp(lift.ci[0])} to ${pp(lift.ci[1])}${picked}`;
}

export function liftText(input: ColeadCardInput): string {
  const { lift, colead, rsfs } = input;
  if (!colead) return '';
  if (!lift) return 'Expected fit lift: not computed for this proposal (no interval, so no claim).';
  const n = `n = ${colead.n} vs ${rsfs.raw.n}`;
  if (lift.credible) {
    return `Expected fit lift: ${pp(lift.value)} (${liftInterval(lift)}; ${n}): credible.`;
  }
  if (lift.withinChance) {
    return `Fit difference within chance: ${pp(lift.value)} (${liftInterval(lift)}; ${n}). Managers decide.`;
  }
  return `Fit difference below zero: ${pp(lift.value)} (${liftInterval(lift)}; ${n}): the co-lead's record here is weaker than the owner's.`;
}

function actions(input: ColeadCardInput): ActionsBlock {
  const value = input.assignmentId;
  const elements: ActionsBlock['elements'] = [];
  if (input.colead) {
    elements.push({
      type: 'button',
      style: 'primary',
      action_id: ACTION_IDS.coleadApprove,
      text: { type: 'plain_text', text: short(`Approve ${input.colead.repId}`, 75) },
      value,
    });
  }
  elements.push(
    {
      type: 'button',
      action_id: ACTION_IDS.coleadReassign,
      text: { type: 'plain_text', text: 'Reassign deal' },
      value,
    },
    {
      type: 'button',
      style: 'danger',
      action_id: ACTION_IDS.coleadDecline,
      text: { type: 'plain_text', text: 'Decline' },
      value,
    },
  );
  if (input.alternates.length > 0) {
    elements.push({
      type: 'static_select',
      action_id: ACTION_IDS.coleadAlternate,
      placeholder: { type: 'plain_text', text: 'Pick an alternate co-lead' },
      // Slack allows 100 options; the value carries assignment and rep (<= 150 chars).
      options: input.alternates.slice(0, 100).map((c) => ({
        text: { type: 'plain_text', text: short(`${c.repId} (${score(c.rsfs)}, n = ${c.n})`, 75) },
        value: short(`${input.assignmentId}|${c.repId}`, 150),
      })),
    });
  }
  return { type: 'actions', block_id: BLOCK_IDS.coleadActions, elements };
}

export function buildColeadCard(input: ColeadCardInput): SlackMessage {
  const r = input.rsfs;
  const d = r.deal;
  const age =
    d.ageDays > SWEET_SPOT_DAYS
      ? `${d.ageDays} days (past the ${SWEET_SPOT_DAYS}-day sweet spot)`
      : `${d.ageDays} days`;
  const risk = [`• ${historyText(r)}`];
  if (d.ageDays > SWEET_SPOT_DAYS) risk.push('• the deal is older than the 30-day window');
  const proposal = input.colead
    ? [
        `> Proposed co-lead: *${esc(input.colead.repId)}* — RSFS ${score(input.colead.rsfs)} in ${esc(r.industry)} (n = ${input.colead.n})`,
        `> ${esc(input.colead.repId)} advises on ${esc(r.industry)} positioning; ${esc(r.repId)} keeps execution`,
        `> ${liftText(input)}`,
      ]
    : [`> No co-lead proposed: ${esc(input.noneReason ?? 'no eligible candidate')}`];
  const blocks: Block[] = [
    header(
      `Deal flag: low rep-segment fit — ${input.colead ? 'co-lead proposed' : 'no co-lead free'}`,
    ),
    section(
      [
        `*Deal* ${esc(r.dealId)} (${esc(r.industry)}, ${esc(d.region)}, ${esc(d.product)}, ${esc(d.leadSource)}) · ${usd(d.amount)}`,
        `*Rep* ${esc(r.repId)} · *RSFS* ${score(r.rsfs)} (90% CI ${score(r.ci[0])}–${score(r.ci[1])}) ${FLAG_EMOJI[r.flag]} ${r.flag} — percentile ${Math.round(r.percentile)} of ${r.reference.size}`,
        `*Age* ${age}`,
      ].join('\n'),
    ),
    section(`*Risk factors* (associated with lower win rates):\n${risk.join('\n')}`),
    section(proposal.join('\n')),
  ];
  if (input.alternates.length > 0) {
    blocks.push(
      section(
        `*Alternates* if ${input.colead ? esc(input.colead.repId) : 'needed'}:\n${input.alternates
          .slice(0, 10)
          .map((c) => `> ${candidateText(c, r.industry)}`)
          .join('\n')}`,
      ),
    );
  }
  if (input.evidence) blocks.push(section(`_${evidenceSentence(input.evidence)}_`));
  blocks.push(actions(input));
  blocks.push(asOfContext(r.asOf, 'a manager decides; nothing changes in the CRM until approved'));
  const who = input.colead ? `co-lead ${input.colead.repId} proposed` : 'no co-lead free';
  const text = `Deal ${r.dealId} flagged ${r.flag}: ${r.repId} RSFS ${score(r.rsfs)} in ${r.industry} (${pct(r.raw.rate)} raw, n = ${r.raw.n}); ${who} — data as of ${r.asOf}`;
  return { text: fallback(text), blocks };
}
