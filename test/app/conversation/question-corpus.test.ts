/**
 * The question corpora, both written apart from the parser, the way sales leaders ask:
 * question-corpus.ts (257 questions, the parser was tuned on its misreadings) and
 * held-out-corpus.ts (120 questions written later without seeing the parser or the first
 * corpus: 115 read right on its first run). At least 95% of each must be read exactly
 * right; the misreadings are printed, so a regression names its questions.
 */
import { describe, expect, it } from 'vitest';
import { emptyUnderstood, parseQuestion } from '../../../src/app/conversation/parse-question.js';
import type { Understood } from '../../../src/app/conversation/understood.js';
import { BOT_USER_ID, corpusLexicon } from './corpus-lexicon.js';
import { HELD_OUT, HELD_OUT_AS_OF } from './held-out-corpus.js';
import { AS_OF, CORPUS, type CorpusEntry } from './question-corpus.js';

const lexicon = corpusLexicon();

function readEntry(entry: CorpusEntry, asOf: string): Understood {
  let previous: Understood | null = null;
  for (const q of entry.thread ?? []) {
    previous = parseQuestion(q, { lexicon, asOf, previous, botUserId: BOT_USER_ID });
  }
  return parseQuestion(entry.question, { lexicon, asOf, previous, botUserId: BOT_USER_ID });
}

function expectedOf(entry: CorpusEntry): Understood {
  return { ...emptyUnderstood(entry.expected.intent ?? 'unknown'), ...entry.expected };
}

describe('the question corpus', () => {
  it('has at least 200 questions, every intent among them', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(200);
    const intents = new Set(CORPUS.map((e) => e.expected.intent));
    expect([...intents].sort()).toEqual(
      [
        'audit',
        'coleads',
        'deal',
        'deals',
        'help',
        'momentum',
        'pipeline',
        'rep',
        'unknown',
        'why',
        'winrate',
      ].sort(),
    );
  });

  it.each([
    ['the tuning corpus', CORPUS, AS_OF],
    ['the held-out corpus', HELD_OUT, HELD_OUT_AS_OF],
  ] as const)('reads at least 95 percent of %s exactly as expected', (_name, corpus, asOf) => {
    const failures: string[] = [];
    for (const entry of corpus) {
      const got = readEntry(entry, asOf);
      const want = expectedOf(entry);
      try {
        expect(got).toEqual(want);
      } catch {
        const diff = (Object.keys(want) as Array<keyof Understood>)
          .filter((k) => JSON.stringify(got[k]) !== JSON.stringify(want[k]))
          .map((k) => `${k}: got ${JSON.stringify(got[k])}, want ${JSON.stringify(want[k])}`);
        const thread = entry.thread ? ` (after ${JSON.stringify(entry.thread)})` : '';
        failures.push(`${JSON.stringify(entry.question)}${thread}\n    ${diff.join('\n    ')}`);
      }
    }
    const rate = 1 - failures.length / corpus.length;
    if (failures.length > 0) {
      console.log(
        `${failures.length} of ${corpus.length} misread (${(rate * 100).toFixed(1)}% right):\n  ${failures.join('\n  ')}`,
      );
    }
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
});
