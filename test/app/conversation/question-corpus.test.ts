/**
 * The question corpus (question-corpus.ts, written apart from the parser, the way sales
 * leaders ask): at least 95% of the readings must be exactly right. The failures are
 * printed, so a regression names its questions.
 */
import { describe, expect, it } from 'vitest';
import { emptyUnderstood, parseQuestion } from '../../../src/app/conversation/parse-question.js';
import type { Understood } from '../../../src/app/conversation/understood.js';
import { BOT_USER_ID, corpusLexicon } from './corpus-lexicon.js';
import { AS_OF, CORPUS, type CorpusEntry } from './question-corpus.js';

const lexicon = corpusLexicon();

function readEntry(entry: CorpusEntry): Understood {
  let previous: Understood | null = null;
  for (const q of entry.thread ?? []) {
    previous = parseQuestion(q, { lexicon, asOf: AS_OF, previous, botUserId: BOT_USER_ID });
  }
  return parseQuestion(entry.question, { lexicon, asOf: AS_OF, previous, botUserId: BOT_USER_ID });
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

  it('reads at least 95% of the questions exactly as expected', () => {
    const failures: string[] = [];
    for (const entry of CORPUS) {
      const got = readEntry(entry);
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
    const rate = 1 - failures.length / CORPUS.length;
    if (failures.length > 0) {
      console.log(
        `${failures.length} of ${CORPUS.length} misread (${(rate * 100).toFixed(1)}% right):\n  ${failures.join('\n  ')}`,
      );
    }
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
});
