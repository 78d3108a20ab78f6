/** How a question was read, in one line: "win rate · FinTech · by region · closed … to …". */

import { DIMENSION_LABELS } from '../../domain/figure-words.js';
import type { Intent, Understood } from './understood.js';
import { between, filterWords } from './wording.js';

const INTENT_WORDS: Record<Intent, string> = {
  winrate: 'win rate',
  why: 'why the win rate moved',
  deal: 'deal',
  rep: 'rep',
  deals: 'open deals',
  momentum: 'segment momentum',
  audit: 'rep audit',
  pipeline: 'open pipeline',
  coleads: 'co-lead proposals',
  help: 'help',
  unknown: 'not understood',
};

export function readAsOf(u: Understood): string {
  if (u.outOfScope) return 'outside the deal data';
  if (u.excluded?.length) return `leaving out ${u.excluded.join(', ')}: not supported`;
  const parts = [u.intent === 'deal' && u.dealId ? `deal ${u.dealId}` : INTENT_WORDS[u.intent]];
  if (u.intent === 'help' || u.intent === 'unknown' || u.intent === 'deal') return parts[0]!;
  parts.push(...filterWords(u.filters));
  if (u.groupBy) parts.push(`by ${DIMENSION_LABELS[u.groupBy]}`);
  if (u.intent === 'audit') {
    if (u.month) parts.push(`month ${u.month}`);
  } else if (u.period) {
    const open = u.intent === 'deals' || u.intent === 'pipeline';
    parts.push(open ? `open at ${u.period.to}` : `closed ${between(u.period)}`);
  }
  if (u.compareTo) parts.push(`vs ${between(u.compareTo)}`);
  return parts.join(' · ');
}
