/**
 * Answers a reading of a question (understood.ts) from the registry's queries: one branch
 * per intent, each returning the words, the figures, how it was read and what to ask next.
 * A value that matched nothing gets "did you mean …" and no figure; a question about what
 * the deal data does not hold gets a plain refusal with three things dealfit can answer.
 */

import { DIMENSION_LABELS } from '../../domain/figure-words.js';
import type { QueryRunner } from '../ports/query-runner.js';
import { DealNotFoundError } from '../queries/metric-queries.js';
import { cutAt, lastDays, REP_DAYS, sameLengthBefore, WIN_RATE_DAYS } from './default-periods.js';
import { CANNOT_ANSWER, exampleQuestions } from './examples.js';
import { followUpsFor } from './follow-ups.js';
import {
  auditText,
  coleadsText,
  dealsText,
  dealText,
  momentumText,
  pipelineText,
  repText,
  whyText,
  winRateText,
} from './intent-texts.js';
import type { Lexicon } from './lexicon.js';
import type { QuestionAnswer, QuestionChart } from './question-answer.js';
import { readAsOf } from './read-as.js';
import type { Period, Understood } from './understood.js';
import { between, filterWords } from './wording.js';

/** A co-lead proposal as the `coleads` answer lists it. */
export interface ColeadLine {
  dealId: string;
  ownerRepId: string;
  coleadRepId: string | null;
  industry: string;
  state: string;
  proposedAt: string;
}

export interface AnswerDeps {
  queries: QueryRunner;
  /** the newest co-lead proposals (any state); unset: the answer says none are kept here */
  coleads?: () => Promise<ColeadLine[]>;
}

export interface AnswerContext {
  lexicon: Lexicon;
  /** the data's as-of date (null: no deals yet) */
  asOf: string | null;
}

interface Body {
  text: string;
  answer: unknown;
  chart?: QuestionChart | null;
  /** the reading with the periods the answer actually used */
  used?: Partial<Understood>;
}

export async function answerQuestion(
  u: Understood,
  ctx: AnswerContext,
  deps: AnswerDeps,
): Promise<QuestionAnswer> {
  const done = (body: Body): QuestionAnswer => {
    const used = { ...u, ...body.used };
    return {
      understood: u,
      readAs: readAsOf(used),
      text: [correctionNote(u), body.text].filter(Boolean).join('\n'),
      answer: body.answer,
      asOf: ctx.asOf,
      followUps: body.answer === null ? [] : followUpsFor(used, ctx.lexicon),
      chart: body.chart ?? null,
    };
  };
  if (u.excluded?.length)
    return done({ text: cannotLeaveOut(u.excluded, ctx.lexicon), answer: null });
  if (u.notFound.length > 0) return done({ text: didYouMean(u, ctx.lexicon), answer: null });
  if (u.outOfScope) return done({ text: refusal(ctx.lexicon), answer: null });
  if (u.intent === 'help') return done({ text: helpText(ctx.lexicon), answer: null });
  if (u.intent === 'unknown') return done({ text: notUnderstood(ctx.lexicon), answer: null });
  if (ctx.asOf === null)
    return done({
      text: 'There are no deals in dealfit yet: import a CSV (`dealfit import`) or connect Salesforce, then ask again.',
      answer: null,
    });
  try {
    return done(await answerIntent(u, ctx.asOf, deps));
  } catch (error) {
    if (error instanceof DealNotFoundError) {
      const similar = error.similar.length ? ` Did you mean ${error.similar.join(', ')}?` : '';
      return done({ text: `I can't find deal ${error.dealId}.${similar}`, answer: null });
    }
    // input the user can fix (a month that is not over, a quarter not begun)
    if (error instanceof RangeError) return done({ text: error.message, answer: null });
    throw error;
  }
}

async function answerIntent(u: Understood, asOf: string, deps: AnswerDeps): Promise<Body> {
  const q = deps.queries;
  const filters = u.filters;
  switch (u.intent) {
    case 'winrate': {
      const period = u.period ? cutAt(u.period, asOf) : lastDays(asOf, WIN_RATE_DAYS);
      const result = await q.run('askWinRate', {
        asOf,
        filters,
        period,
        ...(u.compareTo ? { compareTo: u.compareTo } : {}),
        ...(u.groupBy ? { groupBy: u.groupBy } : {}),
      });
      const where = filterWords(filters).join(' · ');
      const subtitle = `${where ? `${where} · ` : ''}closed ${between(period)} · data as of ${asOf}`;
      const chart: QuestionChart | null = u.groupBy
        ? result.groups.length > 1
          ? {
              kind: 'segments',
              title: `Win rate by ${DIMENSION_LABELS[u.groupBy]}`,
              subtitle,
              segments: result.groups,
            }
          : null
        : result.trend.filter((t) => t.n > 0).length >= 3
          ? { kind: 'trend', title: 'Win rate over the period', subtitle, points: result.trend }
          : null;
      return { text: winRateText(result, u), answer: result, chart, used: { period } };
    }
    case 'why': {
      const period = u.period ? cutAt(u.period, asOf) : lastDays(asOf, WIN_RATE_DAYS);
      const compareTo = u.compareTo ?? sameLengthBefore(period);
      const result = await q.run('askWhy', { asOf, filters, period, compareTo });
      return { text: whyText(result, u), answer: result, used: { period, compareTo } };
    }
    case 'deal': {
      const result = await q.run('rsfs', { dealId: u.dealId!, asOf });
      return { text: dealText(result), answer: result };
    }
    case 'rep': {
      if (!filters.rep)
        return { text: 'Which rep? Name one, e.g. "how is rep_19 doing?"', answer: null };
      const period = u.period ? cutAt(u.period, asOf) : lastDays(asOf, REP_DAYS);
      const result = await q.run('askRep', {
        asOf,
        repId: filters.rep,
        filters: { ...filters, rep: undefined },
        period,
      });
      return { text: repText(result, u), answer: result, used: { period } };
    }
    case 'deals': {
      // the deals open at the period's end (a pipeline question's rule)
      const at = u.period ? cutAt(u.period, asOf).to : asOf;
      const result = await q.run('askDeals', { asOf: at, filters });
      return { text: dealsText(result, u), answer: result };
    }
    case 'pipeline': {
      const at = u.period ? cutAt(u.period, asOf).to : asOf;
      const result = await q.run('askPipeline', { asOf: at, filters });
      return { text: pipelineText(result, u), answer: result };
    }
    case 'momentum': {
      const quarter = u.period ? quarterOf(u.period, asOf) : null;
      const result = await q.run('momentum', {
        asOf,
        ...(quarter ? { quarter: quarter.name, partial: quarter.partial } : {}),
      });
      // momentum is over every segment of a quarter: the thread's filters do not apply
      return {
        text: momentumText(result),
        answer: result,
        used: { filters: {}, groupBy: null, compareTo: null, period: null, month: null },
      };
    }
    case 'audit': {
      const result = await q.run('audit', { asOf, ...(u.month ? { month: u.month } : {}) });
      return {
        text: auditText(result),
        answer: result,
        used: { filters: {}, groupBy: null, compareTo: null, period: null, month: result.month },
      };
    }
    case 'coleads': {
      if (!deps.coleads) return { text: 'Co-lead proposals are not kept here.', answer: null };
      const rows = await deps.coleads();
      return { text: coleadsText(rows, u), answer: { proposals: rows } };
    }
    default:
      return { text: notUnderstoodPlain(), answer: null };
  }
}

/** "2024Q2" when the period is one calendar quarter (cut at asOf: then partial). */
function quarterOf(p: Period, asOf: string): { name: string; partial: boolean } | null {
  const [y, m, d] = p.from.split('-').map(Number) as [number, number, number];
  if (d !== 1 || (m - 1) % 3 !== 0) return null;
  const end = new Date(Date.UTC(y, m + 2, 0)).toISOString().slice(0, 10);
  if (p.to !== end && !(p.to === asOf && end > asOf)) return null;
  return { name: `${y}Q${(m - 1) / 3 + 1}`, partial: end > asOf };
}

function correctionNote(u: Understood): string {
  if (u.corrected.length === 0) return '';
  return `_${u.corrected.map((c) => `took "${c.from}" as ${c.to}`).join('; ')}_`;
}

function didYouMean(u: Understood, lexicon: Lexicon): string {
  const lines = u.notFound.map((word) => {
    if (word.startsWith('@'))
      return `I don't know ${word} as a rep: a Slack user is a rep once DEALFIT_REP_USERS maps them ({"rep_19": "U0123ABC"}).`;
    const near = lexicon.suggest(word);
    return near.length
      ? `I don't know "${word}" in the deal data. Did you mean ${near.join(', ')}?`
      : `I don't know "${word}" in the deal data.`;
  });
  return [
    ...lines,
    `No figure for a value that is not in the data. Try: ${quoted(exampleQuestions(lexicon).slice(0, 3))}`,
  ].join('\n');
}

/** "excluding SaaS": what to ask instead, the value's dimension by segment. */
function cannotLeaveOut(excluded: string[], lexicon: Lexicon): string {
  const dimension = lexicon.lookup(excluded[0]!)?.dimension;
  const instead = dimension ? `win rate by ${DIMENSION_LABELS[dimension]}` : 'win rate by industry';
  const named = excluded.join(' and ');
  return `I can't give a figure that leaves ${named} out, and I won't answer with ${named}'s own instead. Ask "${instead}" to see ${named} beside the others.`;
}

function refusal(lexicon: Lexicon): string {
  return `${CANNOT_ANSWER} It holds closed and open deals (who, what, where, when, won or lost), not forecasts, quotas or activity. Things I can answer:\n${bullets(exampleQuestions(lexicon).slice(0, 3))}`;
}

function helpText(lexicon: Lexicon): string {
  return [
    'Ask me about the deals in plain words, in a DM, by mentioning me, or in a thread I answered. For example:',
    bullets(exampleQuestions(lexicon)),
    'I answer win rates (filtered, by segment, over a period, compared), why a rate moved, one deal, one rep, open deals by flag, pipeline, momentum, the rep audit and co-lead proposals. Every figure comes with its n and interval.',
  ].join('\n');
}

function notUnderstood(lexicon: Lexicon): string {
  return `${notUnderstoodPlain()} For example:\n${bullets(exampleQuestions(lexicon).slice(0, 3))}`;
}

function notUnderstoodPlain(): string {
  return "I didn't understand that question, so I won't guess at an answer.";
}

const bullets = (lines: string[]) => lines.map((l) => `• ${l}`).join('\n');
const quoted = (lines: string[]) => lines.map((l) => `"${l}"`).join(', ');
