/**
 * The conversation use case: a question in plain words, and the thread it was asked in,
 * to an answer. The lexicon is the data's own values (the `vocabulary` query, cached per
 * data version by the runner) plus the people behind rep ids; the thread's last reading
 * comes from the ConversationStore (Slack) or a file (`dealfit ask --thread`).
 */
import type { ConversationStore, ThreadKey } from '../ports/conversation-store.js';
import type { QueryRunner } from '../ports/query-runner.js';
import { type AnswerDeps, answerQuestion, type ColeadLine } from './answer-question.js';
import { Lexicon, type RepPerson } from './lexicon.js';
import { emptyUnderstood, parseQuestion } from './parse-question.js';
import type { QuestionAnswer } from './question-answer.js';
import type { Understood } from './understood.js';

/** A thread's context lives this long after its last question (metrics.md). */
export const THREAD_TTL_DAYS = 7;

export interface ConversationDeps {
  queries: QueryRunner;
  /** reps' names and Slack users (DEALFIT_REP_USERS, Slack profiles) */
  people?: () => readonly RepPerson[];
  coleads?: () => Promise<ColeadLine[]>;
}

export interface Question {
  text: string;
  /** the thread's last reading: the question refines it */
  previous?: Understood | null;
  /** answer as of this date instead of the data's as-of */
  asOf?: string;
  /** dealfit's own Slack user id: its mention is not part of the question */
  botUserId?: string;
}

export interface Conversation {
  ask(question: Question): Promise<QuestionAnswer>;
}

export function createConversation(deps: ConversationDeps): Conversation {
  const answerDeps: AnswerDeps = {
    queries: deps.queries,
    ...(deps.coleads ? { coleads: deps.coleads } : {}),
  };
  return {
    async ask(q) {
      const vocabulary = await deps.queries
        .run('vocabulary', q.asOf ? { asOf: q.asOf } : {})
        .catch((error: unknown) => {
          // no deals yet: the question is still read (help works), against no values
          if (error instanceof RangeError && !q.asOf) return null;
          throw error;
        });
      const lexicon = new Lexicon({
        values: vocabulary?.values ?? {
          industry: [],
          region: [],
          product: [],
          leadSource: [],
          rep: [],
        },
        people: deps.people?.() ?? [],
      });
      const asOf = vocabulary?.asOf ?? null;
      const understood = asOf
        ? parseQuestion(q.text, {
            lexicon,
            asOf,
            previous: q.previous ?? null,
            ...(q.botUserId ? { botUserId: q.botUserId } : {}),
          })
        : emptyUnderstood(/\bhelp\b/i.test(q.text) ? 'help' : 'unknown');
      return answerQuestion(understood, { lexicon, asOf }, answerDeps);
    },
  };
}

/**
 * Asks in a stored thread: reads the thread's last reading, answers, and keeps the new
 * reading when it is one a reply can refine (not a "did you mean", help or a refusal, so
 * the person can correct a word and keep the thread's context).
 */
export async function askInThread(
  conversation: Conversation,
  store: ConversationStore,
  key: ThreadKey,
  question: Omit<Question, 'previous'>,
  now: Date,
): Promise<QuestionAnswer> {
  const previous = (await store.lastReading(key, now))?.reading ?? null;
  const answer = await conversation.ask({ ...question, previous });
  if (keepsContext(answer))
    await store.saveReading(
      key,
      { reading: answer.understood, question: question.text, updatedAt: now.toISOString() },
      now,
      THREAD_TTL_DAYS,
    );
  return answer;
}

/** An answer whose reading the next reply in the thread refines. */
export function keepsContext(answer: QuestionAnswer): boolean {
  const u = answer.understood;
  return (
    answer.answer !== null &&
    u.notFound.length === 0 &&
    !u.outOfScope &&
    u.intent !== 'help' &&
    u.intent !== 'unknown'
  );
}
