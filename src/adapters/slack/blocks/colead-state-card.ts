/**
 * The co-lead card through its life: the proposal card (colead-card.ts) while it is open,
 * then, once a manager acts or it expires, the same card with the buttons gone and a line
 * saying who did what and when. Also the DMs sent to the owner and the co-lead on approval.
 */
import type { ColeadCardView, ColeadDmView } from '../../../app/colead/colead-types.js';
import { buildColeadCard, liftInterval } from './colead-card.js';
import { esc, fallback, pp, section, usd } from './format.js';
import { score } from './rsfs-card.js';
import type { Block, SlackMessage } from './types.js';

/** "2024-07-01 10:02 UTC" */
export function whenText(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'an unknown time';
}

function who(user: string | null): string {
  if (!user) return 'someone';
  return user === 'dealfit' ? 'dealfit' : `<@${user}>`;
}

function unmappedText(reps: string[]): string | null {
  if (reps.length === 0) return null;
  return `:warning: No Slack user for ${reps.map(esc).join(', ')} in DEALFIT_REP_USERS: ${reps.length === 1 ? 'this rep is' : 'these reps are'} not notified by DM; tell them directly.`;
}

function outcomeLines(view: ColeadCardView): string[] {
  const colead = view.colead ? esc(view.colead.repId) : 'nobody';
  switch (view.state) {
    case 'approved':
      return [
        `:white_check_mark: *Approved* by ${who(view.actedBy)} on ${whenText(view.actedAt)}: ${colead} co-leads with ${esc(view.rsfs.repId)}.`,
      ];
    case 'declined':
      return [
        `:x: *Declined* by ${who(view.actedBy)} on ${whenText(view.actedAt)}: no co-lead on this deal.`,
      ];
    case 'expired':
      return [
        `:hourglass: *Expired* on ${whenText(view.actedAt)}${view.note ? ` — ${esc(view.note)}` : ''}.`,
      ];
    case 'reassigned':
      return [
        `:arrows_counterclockwise: Reassigned to ${colead} by ${who(view.actedBy)} on ${whenText(view.actedAt)}; awaiting approval (expires ${view.expiresAt.slice(0, 10)}).`,
      ];
    case 'proposed':
      return [];
  }
}

export function buildColeadStateCard(view: ColeadCardView): SlackMessage {
  const card = buildColeadCard({
    rsfs: view.rsfs,
    assignmentId: String(view.assignmentId),
    colead: view.colead,
    ...(view.noneReason ? { noneReason: view.noneReason } : {}),
    lift: view.lift,
    alternates: view.alternates,
    evidence: view.evidence,
  });
  const open = view.state === 'proposed' || view.state === 'reassigned';
  // Closed cards lose their buttons: nothing is left to click.
  const blocks: Block[] = open ? card.blocks : card.blocks.filter((b) => b.type !== 'actions');
  const lines = [...outcomeLines(view)];
  const unmapped = unmappedText(view.unmapped);
  if (unmapped && view.state !== 'declined' && view.state !== 'expired') lines.push(unmapped);
  if (lines.length > 0) {
    // before the closing "data as of" context
    blocks.splice(blocks.length - 1, 0, section(lines.join('\n')));
  }
  const status = open
    ? view.state === 'reassigned'
      ? ` (reassigned to ${view.colead?.repId ?? 'nobody'})`
      : ''
    : ` — ${view.state} ${view.actedBy && view.actedBy !== 'dealfit' ? `by ${view.actedBy}` : ''}`.trimEnd();
  return { text: fallback(`${card.text}${status}`), blocks };
}

export function buildColeadDm(view: ColeadDmView): SlackMessage {
  const owner = view.ownerUser ? `<@${view.ownerUser}>` : esc(view.ownerRepId);
  const colead = view.coleadUser ? `<@${view.coleadUser}>` : esc(view.coleadRepId);
  const lift = view.lift
    ? view.lift.credible
      ? `expected fit lift ${pp(view.lift.value)} (${liftInterval(view.lift)})`
      : `the fit difference (${pp(view.lift.value)}) is within chance, so treat it as a second opinion`
    : '';
  const why = `Why: RSFS in ${esc(view.industry)} is ${score(view.coleadRsfs)} for ${esc(view.coleadRepId)} vs ${score(view.ownerRsfs)} for ${esc(view.ownerRepId)}${lift ? `; ${lift}` : ''}.`;
  const lines =
    view.role === 'colead'
      ? [
          `:handshake: You are the co-lead (strategic advisor) on deal *${esc(view.dealId)}* (${esc(view.industry)}, ${usd(view.amount)}), owned by ${owner}. Approved by <@${view.approvedBy}>.`,
          `What you do: join the key decisions and customer calls and share what works in ${esc(view.industry)}; ${owner} keeps running the deal.`,
          why,
        ]
      : [
          `:handshake: ${colead} is now co-lead (strategic advisor) on your deal *${esc(view.dealId)}* (${esc(view.industry)}, ${usd(view.amount)}). Approved by <@${view.approvedBy}>.`,
          `What changes: you keep execution and the deal; bring ${colead} into key decisions and customer calls. Both of you get credit.`,
          why,
        ];
  const text = lines.join('\n');
  return { text: fallback(lines[0] ?? ''), blocks: [section(text)] };
}
