/** Questions dealfit can answer, worded with the data's own values, for help and refusals. */
import type { Lexicon } from './lexicon.js';

export function exampleQuestions(lexicon: Lexicon): string[] {
  const first = (d: Parameters<Lexicon['values']>[0], fallback: string) =>
    lexicon.values(d)[0] ?? fallback;
  const industry = first('industry', 'SaaS');
  const region = first('region', 'EMEA');
  const rep = first('rep', 'rep_1');
  return [
    `how are we doing in ${region} this quarter?`,
    `why did the win rate drop last quarter?`,
    `RED deals in ${industry} over $40k`,
    `how is ${rep} doing in ${industry}?`,
    `win rate by lead source since March`,
    'pipeline velocity',
  ];
}

export const CANNOT_ANSWER = "I can't answer that from the deal data.";
