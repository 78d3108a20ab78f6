/**
 * The 2–3 questions worth asking next, as buttons under an answer. Each is worded so the
 * parser reads it as a refinement of the thread's last question ("by region", "why?",
 * "show RED deals"), which is also how a person would type it.
 */

import { DIMENSION_LABELS } from '../../domain/figure-words.js';
import type { Lexicon } from './lexicon.js';
import type { FollowUp } from './question-answer.js';
import type { GroupBy, Understood } from './understood.js';

const GROUP_ORDER: GroupBy[] = ['industry', 'region', 'leadSource', 'product', 'rep'];

/** a grouping the question does not already filter or group by */
function nextGroup(u: Understood): GroupBy | null {
  return GROUP_ORDER.find((g) => g !== u.groupBy && u.filters[g] === undefined) ?? null;
}

const by = (g: GroupBy): FollowUp => ({
  label: `By ${DIMENSION_LABELS[g]}`,
  question: `by ${DIMENSION_LABELS[g]}`,
});
const WHY: FollowUp = { label: 'Why?', question: 'why?' };
const RED: FollowUp = { label: 'Show RED deals', question: 'show RED deals' };

export function followUpsFor(u: Understood, lexicon: Lexicon): FollowUp[] {
  const g = nextGroup(u);
  switch (u.intent) {
    case 'winrate':
      return [...(g ? [by(g)] : []), WHY, ...(u.filters.flag ? [] : [RED])].slice(0, 3);
    case 'why':
      return [...(g ? [by(g)] : []), RED, { label: 'Momentum', question: 'segment momentum' }];
    case 'deals':
      return [
        { label: 'Win rate', question: 'win rate' },
        { label: 'Pipeline', question: 'pipeline' },
      ];
    case 'rep': {
      const industry = u.filters.industry ? null : lexicon.values('industry')[0];
      return [
        { label: 'Why?', question: 'why?' },
        RED,
        ...(industry ? [{ label: `In ${industry}`, question: `in ${industry}?` }] : []),
      ];
    }
    case 'pipeline':
      return [RED, { label: 'Win rate', question: 'win rate' }];
    case 'momentum':
      return [{ label: 'Why?', question: 'why did the win rate move?' }, by('leadSource')];
    case 'audit':
      return [{ label: 'Co-leads', question: 'co-lead proposals' }, RED];
    case 'deal':
      return [{ label: 'RED deals', question: 'show RED deals' }];
    default:
      return [];
  }
}
