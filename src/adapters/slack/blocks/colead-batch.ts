/**
 * The co-lead batch's summary in the managers' channel: how many RED deals need a decision,
 * one line per deal (biggest amount first: where a decision matters most), and the counts
 * as managers decide. The cards themselves are the replies in its thread.
 */
import type { ColeadBatchView } from '../../../app/colead/batch.js';
import { context, esc, fallback, header, section, usd } from './format.js';
import type { SlackMessage } from './types.js';

const SHOWN = 15;

const STATE_WORDS: Record<string, string> = {
  proposed: 'waiting',
  reassigned: 'waiting (reassigned)',
  approved: 'approved',
  declined: 'declined',
  expired: 'expired',
};

export function buildColeadBatchSummary(view: ColeadBatchView): SlackMessage {
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
      context(
        `${view.total} proposed · ${c.approved} approved · ${c.declined} declined · ${c.expired} expired · ${view.waiting} waiting`,
        'the cards, with Approve / Reassign / Decline, are in this thread',
      ),
    ],
  };
}
