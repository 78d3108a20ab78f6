/**
 * The co-lead batch's summary in the managers' channel: how many RED deals need a decision,
 * one line per deal (biggest amount first: where a decision matters most), and the counts
 * as managers decide. The cards themselves are the replies in its thread.
 */
import type {
  BatchSummaryView,
  ColeadBatchView,
  WithheldBatchView,
} from '../../../app/colead/batch.js';
import { evidenceSentence } from '../../../domain/fit-evidence.js';
import { context, esc, fallback, header, pp, section, usd } from './format.js';
import type { SlackMessage } from './types.js';

const SHOWN = 15;

const STATE_WORDS: Record<string, string> = {
  proposed: 'waiting',
  reassigned: 'waiting (reassigned)',
  approved: 'approved',
  declined: 'declined',
  expired: 'expired',
};

export function buildColeadBatchSummary(view: BatchSummaryView): SlackMessage {
  return view.kind === 'withheld' ? withheldSummary(view) : batchSummary(view);
}

/** Weak evidence: nothing proposed, and why, with what each deal would have had. */
function withheldSummary(view: WithheldBatchView): SlackMessage {
  const n = view.lines.length;
  const title = `No co-lead proposed for ${n} RED deal${n === 1 ? '' : 's'}: fit is weak evidence here`;
  const lines = view.lines.slice(0, SHOWN).map((l) => {
    const lift = l.lift
      ? `${pp(l.lift.value)} (${pp(l.lift.ci[0])} to ${pp(l.lift.ci[1])}), within chance`
      : 'no lift computed';
    return `• *${esc(l.dealId)}* · ${l.amount === null ? 'no amount' : usd(l.amount)} · ${esc(l.industry)} · owner ${esc(l.ownerRepId)} · best co-lead ${l.coleadRepId ? esc(l.coleadRepId) : 'none free'} · fit difference ${lift}`;
  });
  if (n > SHOWN) lines.push(`…and ${n - SHOWN} more`);
  return {
    text: fallback(title),
    blocks: [
      header(title),
      section(
        `${evidenceSentence(view.evidence)} No fit difference between an owner and a candidate co-lead is credible either, so pairing reps on it would act on noise.`,
      ),
      section(lines.join('\n')),
      context(
        'Set DEALFIT_COLEAD_WHEN_WEAK=propose to propose co-leads anyway (each card then carries this caveat). This message is edited, not reposted, while the driver model stays the same.',
      ),
    ],
  };
}

function batchSummary(view: ColeadBatchView): SlackMessage {
  const title =
    view.waiting > 0
      ? `${view.waiting} open RED deal${view.waiting === 1 ? '' : 's'} need${view.waiting === 1 ? 's' : ''} a co-lead decision`
      : `All ${view.total} co-lead proposal${view.total === 1 ? '' : 's'} decided`;
  const lines = view.lines
    .slice(0, SHOWN)
    .map(
      (l) =>
        `• *${esc(l.dealId)}* · ${l.amount === null ? 'no amount' : usd(l.amount)} · ${esc(l.industry)} · owner ${esc(l.ownerRepId)} → ${l.coleadRepId ? `co-lead ${esc(l.coleadRepId)}` : 'no co-lead found'} · ${STATE_WORDS[l.state] ?? l.state}`,
    );
  if (view.lines.length > SHOWN) lines.push(`…and ${view.lines.length - SHOWN} more in the thread`);
  const c = view.counts;
  return {
    text: fallback(title),
    blocks: [
      header(title),
      section(lines.join('\n')),
      ...(view.evidence ? [section(`_${evidenceSentence(view.evidence)}_`)] : []),
      context(
        `${view.total} proposed · ${c.approved} approved · ${c.declined} declined · ${c.expired} expired · ${view.waiting} waiting`,
        'the cards, with Approve / Reassign / Decline, are in this thread',
      ),
    ],
  };
}
