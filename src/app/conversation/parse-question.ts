/**
 * A question in plain words -> what dealfit understood (intent, filters, grouping, period,
 * comparison), deterministically: no language model, no network. The phrases that carry a
 * meaning are taken out one kind at a time (deal id, period, age, amount, flag, grouping),
 * then what is left is matched against the data's own values (lexicon.ts). A reply in a
 * thread starts from the thread's last reading and changes only what its words say.
 */
import type { Dimension } from '../../domain/deal.js';
import { FOLLOW_UP_CUE, intentOf, OUT_OF_SCOPE } from './intents.js';
import type { Lexicon } from './lexicon.js';
import { findPeriods, type PeriodMatch, periodBefore } from './periods.js';
import {
  AGE,
  AGE_UNITS,
  AMOUNT_MAX,
  AMOUNT_MIN,
  AMOUNT_PLUS,
  AMOUNT_RANGE,
  AT_RISK,
  DEAL_ID,
  dealIdOf,
  FLAG,
  GROUP,
  groupOf,
  looksLikeMoney,
  money,
} from './phrases.js';
import { clean, Text } from './question-text.js';
import { readValues } from './read-values.js';
import type { Filters, GroupBy, Intent, Period, Understood } from './understood.js';

const PERIOD_BEFORE =
  /\b(?:vs\.?|versus|compared\s+(?:to|with)|against)\s+(?:the\s+)?(?:(?:one|quarter|month|year|half|period|week)\s+before|previous\s+(?:one|quarter|month|year|half|period|week)|prior\s+(?:one|quarter|month|year|half|period|week)|(?:quarter|month|year|period)\s+prior|(?:last|previous|prior)(?:\s+one)?(?=\s*$|\s*[?.!,;]|\s+(?:in|for|by|and|on|at|with)\b))/;

export interface ParseContext {
  lexicon: Lexicon;
  asOf: string;
  /** the thread's last reading: a reply refines it */
  previous?: Understood | null;
  /** dealfit's own Slack user id: a mention of it is not a question word */
  botUserId?: string;
}

export function emptyUnderstood(intent: Intent = 'unknown'): Understood {
  return {
    intent,
    filters: {},
    groupBy: null,
    period: null,
    compareTo: null,
    dealId: null,
    month: null,
    notFound: [],
    corrected: [],
    outOfScope: false,
  };
}

// --- the reading ----------------------------------------------------------------------

function inferKind(p: Period, asOf: string): PeriodMatch['kind'] {
  const [fy, fm, fd] = p.from.split('-').map(Number) as [number, number, number];
  const end = (months: number) => {
    const last = new Date(Date.UTC(fy, fm - 1 + months, 0)).toISOString().slice(0, 10);
    return p.to === last || (p.to === asOf && last > asOf);
  };
  if (fd !== 1) return 'range';
  if (fm === 1 && end(12)) return 'year';
  if ((fm === 1 || fm === 7) && end(6)) return 'half';
  if ((fm - 1) % 3 === 0 && end(3)) return 'quarter';
  if (end(1)) return 'month';
  return 'range';
}

export function parseQuestion(question: string, ctx: ParseContext): Understood {
  const cleaned = clean(question, ctx.botUserId);
  const text = new Text(cleaned);
  const low = text.rest;
  const u = emptyUnderstood();
  const filters: Filters = {};

  for (const m of text.each(DEAL_ID)) u.dealId = dealIdOf((m[1] ?? m[2])!);

  const periods = findPeriods(text.rest, ctx.asOf);
  for (const p of periods) text.take(p.start, p.end);
  const main = periods.find((p) => !p.comparison) ?? null;
  let comparison = periods.find((p) => p.comparison && p !== main) ?? null;
  // "last quarter vs the one before": the period of the same kind just before
  const before = text.rest.match(PERIOD_BEFORE);
  // "Q1 compared to the previous quarter": relative to the asked period, not to asOf
  if (
    main &&
    comparison &&
    comparison.period.from === main.period.from &&
    comparison.period.to === main.period.to
  )
    comparison = { ...main, period: periodBefore(main), comparison: true };
  if (main && !comparison && before) {
    comparison = { ...main, period: periodBefore(main), comparison: true };
    text.take(before.index!, before.index! + before[0].length);
  }

  for (const re of AGE) {
    for (const m of text.each(re)) {
      const unit = m[2]!.replace(/s$/, '');
      filters.minAgeDays = Number(m[1]) * (AGE_UNITS[unit] ?? 1);
    }
  }
  for (const m of [...text.rest.matchAll(AMOUNT_RANGE)]) {
    if (
      !looksLikeMoney(m as RegExpExecArray, m[1]!, m[2] ?? m[4]) &&
      !looksLikeMoney(m as RegExpExecArray, m[3]!, m[4])
    )
      continue;
    // "10-50k": the suffix said once counts for both ends
    const suffix = m[4] ?? m[2];
    filters.minAmount = money(m[1]!, m[2] ?? suffix);
    filters.maxAmount = money(m[3]!, m[4]);
    text.take(m.index, m.index + m[0].length);
  }
  for (const [re, key] of [
    [AMOUNT_MIN, 'minAmount'],
    [AMOUNT_PLUS, 'minAmount'],
    [AMOUNT_MAX, 'maxAmount'],
  ] as const) {
    for (const m of [...text.rest.matchAll(re)]) {
      if (!looksLikeMoney(m as RegExpExecArray, m[1]!, m[2])) continue;
      filters[key] = money(m[1]!, m[2]);
      text.take(m.index, m.index + m[0].length);
    }
  }
  for (const m of text.each(FLAG)) filters.flag = m[1]!.toUpperCase() as Filters['flag'];
  for (const _ of text.each(AT_RISK)) filters.flag = 'RED';

  let groupBy: GroupBy | null = null;
  for (const m of text.each(GROUP)) groupBy ??= groupOf(m[1]!.replace(/\s+/g, ' '));

  const values = readValues(text, ctx.lexicon);
  const seen = new Map<Dimension, number>();
  for (const v of values.values) seen.set(v.dimension, (seen.get(v.dimension) ?? 0) + 1);
  for (const v of values.values) {
    // two values of one dimension ("FinTech vs SaaS") compare them: group by it
    if ((seen.get(v.dimension) ?? 0) > 1) groupBy ??= v.dimension;
    else filters[v.dimension] = v.value;
  }
  u.filters = filters;
  u.notFound = values.notFound;
  u.corrected = values.corrected;
  u.groupBy = groupBy;
  u.period = main?.period ?? null;
  u.compareTo = comparison?.period ?? null;

  const named = intentOf(low, u);
  const said = named?.said ? named.intent : null;
  // a question that names its own subject (a value, a period, a deal) starts afresh
  const hasSubject = values.values.length > 0 || u.period !== null || u.dealId !== null;
  const previous = ctx.previous;
  // a reply that turns to a deal, the audit, the co-leads or help asks something new: the
  // thread's filters and period mean nothing to those answers
  const freshIntent = said === 'deal' || said === 'audit' || said === 'coleads' || said === 'help';
  let reading: Understood;
  if (
    previous &&
    previous.intent !== 'help' &&
    previous.intent !== 'unknown' &&
    !freshIntent &&
    (FOLLOW_UP_CUE.test(low) || said === null || !hasSubject)
  ) {
    reading = refine(
      previous,
      u,
      said ?? (named && previous.intent === 'winrate' && named.intent === 'deals' ? 'deals' : null),
    );
  } else {
    reading = { ...u, intent: named?.intent ?? (hasAnyFilter(u) ? 'winrate' : 'unknown') };
  }
  if (said === 'unknown' && OUT_OF_SCOPE.test(low))
    reading = {
      ...emptyUnderstood(),
      outOfScope: true,
      notFound: u.notFound,
      corrected: u.corrected,
    };
  // "win rate excluding SaaS": no figure leaves a value out, and SaaS's own would be the
  // opposite of what was asked
  if (values.excluded.length > 0)
    reading = {
      ...emptyUnderstood(),
      excluded: values.excluded,
      notFound: u.notFound,
      corrected: u.corrected,
    };

  if (reading.intent === 'why' && reading.period && !reading.compareTo) {
    const kind =
      main && reading.period === main.period
        ? main
        : {
            period: reading.period,
            kind: inferKind(reading.period, ctx.asOf),
            start: 0,
            end: 0,
            comparison: false,
          };
    reading.compareTo = periodBefore(kind);
  }
  // a grouping means nothing to these answers: "which reps need coaching" is the audit
  if (['audit', 'coleads', 'help', 'deal', 'unknown'].includes(reading.intent))
    reading.groupBy = null;
  if (
    reading.intent === 'audit' &&
    reading.period &&
    inferKind(reading.period, ctx.asOf) === 'month'
  ) {
    reading.month = reading.period.from.slice(0, 7);
    reading.period = null;
  }
  return reading;
}

function hasAnyFilter(u: Understood): boolean {
  return Object.keys(u.filters).length > 0 || u.groupBy !== null || u.period !== null;
}

/** A reply in a thread: the last reading, changed only by what the reply says. */
function refine(previous: Understood, u: Understood, said: Intent | null): Understood {
  const intent = said ?? previous.intent;
  const filters = { ...previous.filters, ...u.filters };
  // "in APAC" then "by region": the reply asks for every region, not APAC's one row
  if (u.groupBy && u.filters[u.groupBy] === undefined) delete filters[u.groupBy];
  return {
    intent,
    filters,
    groupBy:
      u.groupBy ??
      (said && said !== previous.intent
        ? null
        : // "by region" then "just APAC": one region asked for, no rows by region
          previous.groupBy && u.filters[previous.groupBy] !== undefined
          ? null
          : previous.groupBy),
    period: u.period ?? previous.period,
    compareTo:
      u.compareTo ?? (u.period ? null : intent === previous.intent ? previous.compareTo : null),
    dealId: u.dealId ?? (intent === 'deal' ? previous.dealId : null),
    month: intent === 'audit' ? previous.month : null,
    notFound: u.notFound,
    corrected: u.corrected,
    outOfScope: false,
  };
}
