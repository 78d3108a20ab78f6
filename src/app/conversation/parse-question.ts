/**
 * A question in plain words -> what dealfit understood (intent, filters, grouping, period,
 * comparison), deterministically: no language model, no network. The phrases that carry a
 * meaning are taken out one kind at a time (deal id, period, age, amount, flag, grouping),
 * then what is left is matched against the data's own values (lexicon.ts). A reply in a
 * thread starts from the thread's last reading and changes only what its words say.
 */
import type { Dimension } from '../../domain/deal.js';
import type { Lexicon } from './lexicon.js';
import { findPeriods, type PeriodMatch, periodBefore } from './periods.js';
import type { Filters, GroupBy, Intent, Period, Understood } from './understood.js';
import { VOCABULARY } from './vocabulary.js';

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

/** The question with the parts already read blanked out (same length, so spans line up). */
class Text {
  readonly original: string;
  rest: string;
  constructor(original: string) {
    this.original = original;
    this.rest = original.toLowerCase();
  }
  take(start: number, end: number): void {
    this.rest = this.rest.slice(0, start) + ' '.repeat(end - start) + this.rest.slice(end);
  }
  /** every match of `re` (global) in what is left, taken out as it is handed over */
  *each(re: RegExp): Generator<RegExpExecArray> {
    for (const m of [...this.rest.matchAll(re)]) {
      yield m as RegExpExecArray;
      this.take(m.index, m.index + m[0].length);
    }
  }
}

function clean(text: string, botUserId?: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) =>
      id === botUserId ? ' ' : ` @${id} `,
    )
    .replace(/<(?:https?|mailto):[^>]*>/g, ' ')
    .replace(/:[a-z0-9_+'-]+:/gi, ' ')
    .replace(/\p{Extended_Pictographic}|\u200d|\ufe0f/gu, ' ')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

// --- deal ids -------------------------------------------------------------------------

const DEAL_ID =
  /\b(?:(?:deal|opp(?:ortunity)?)\s*(?:id\s*)?(?:#|no\.?\s*)?\s*(?:d-?)?(\d{1,6})|d-?(\d{1,6}))\b/g;

function dealIdOf(digits: string): string {
  return `D${digits.replace(/^0+(?=\d)/, '').padStart(5, '0')}`;
}

// --- ages and amounts -----------------------------------------------------------------

const AGE_UNITS: Record<string, number> = { d: 1, day: 1, week: 7, month: 30 };
const AGE = [
  /\b(?:older\s+than|more\s+than|over|longer\s+than|at\s+least|aged(?:\s+over)?|age\s+over|open\s+(?:for\s+)?(?:more\s+than\s+|over\s+|longer\s+than\s+|at\s+least\s+)?|stuck\s+(?:for\s+)?(?:more\s+than\s+|over\s+)?|sitting\s+(?:for\s+)?(?:more\s+than\s+|over\s+)?|>)\s*(\d+)\s*\+?\s*(days?|weeks?|months?|d)\b(?:\s+old)?/g,
  /\b(\d+)\s*\+?\s*(days?|weeks?|months?)\s+(?:old|or\s+older|or\s+more|\+)/g,
  /\b(\d+)\s*\+\s*(days?|weeks?|months?)\b/g,
];

const NUM = String.raw`\$?\s*(\d+(?:[.,]\d+)*)\s*(k|mm|m|thousand|million|grand)?\b`;
const NOT_AGE = String.raw`(?!\s*(?:days?|weeks?|months?|%|pp|percent|reps?))`;
const AMOUNT_RANGE = new RegExp(
  String.raw`(?:\bbetween\s+)?${NUM}\s*(?:-|to|and)\s*${NUM}${NOT_AGE}`,
  'g',
);
const AMOUNT_MIN = new RegExp(
  String.raw`(?:\b(?:over|above|more\s+than|greater\s+than|bigger\s+than|larger\s+than|at\s+least|exceeding|minimum(?:\s+of)?|min|north\s+of)|>=?)\s*${NUM}${NOT_AGE}`,
  'g',
);
const AMOUNT_PLUS = /\$?\s*(\d+(?:[.,]\d+)*)\s*(k|mm|m)?\s*\+/g;
const AMOUNT_MAX = new RegExp(
  String.raw`(?:\b(?:under|below|less\s+than|smaller\s+than|at\s+most|up\s+to|maximum(?:\s+of)?|max|south\s+of)|<=?)\s*${NUM}${NOT_AGE}`,
  'g',
);

function money(digits: string, suffix: string | undefined): number {
  const n = Number(
    /^\d{1,3}(,\d{3})+$/.test(digits) ? digits.replaceAll(',', '') : digits.replace(',', '.'),
  );
  const scale = !suffix ? 1 : /^(k|thousand|grand)$/.test(suffix) ? 1_000 : 1_000_000;
  return Math.round(n * scale);
}

/** "$40k", "50,000", "1.5M": money; a small bare number ("over 5") is not an amount. */
function looksLikeMoney(m: RegExpExecArray, digits: string, suffix: string | undefined): boolean {
  return m[0].includes('$') || suffix !== undefined || money(digits, undefined) >= 1000;
}

// --- flags and grouping ---------------------------------------------------------------

const FLAG = /\b(red|yellow|green)\b/g;
const AT_RISK = /\bat[-\s]?risk\b|\brisky\b|\blow[-\s]fit\b|\bin\s+trouble\b/g;

const GROUP_WORDS: Array<[GroupBy, string]> = [
  ['industry', String.raw`industr(?:y|ies)|verticals?|sectors?`],
  ['region', String.raw`regions?|geos?|geograph(?:y|ies)|territor(?:y|ies)|markets?`],
  ['product', String.raw`products?|plans?|skus?|product\s+types?`],
  ['leadSource', String.raw`lead[\s-]*sources?|sources?|channels?|lead\s+types?`],
  ['rep', String.raw`reps?|sellers?|sales\s*people|salespeople|sales\s+reps?|aes?|owners?|people`],
];
const GROUP = new RegExp(
  String.raw`\b(?:by|per|across|for\s+(?:each|every)|each|every|broken\s+down\s+by|break(?:ing)?\s+(?:it\s+|that\s+)?down\s+by|breakdown\s+by|split\s+by|grouped\s+by|group\s+by|which|what|best|worst|top|strongest|weakest|compare|comparing|all)\s+(?:the\s+|our\s+|of\s+the\s+)?(${GROUP_WORDS.map(([, w]) => `(?:${w})`).join('|')})\b`,
  'g',
);
function groupOf(word: string): GroupBy {
  for (const [group, words] of GROUP_WORDS)
    if (new RegExp(`^(?:${words})$`).test(word)) return group;
  return 'industry';
}

// --- intents --------------------------------------------------------------------------

const HELP =
  /^(?:(?:hey|hi|hello|yo)\b[\s,!]*)?(?:(?:dealfit|bot)\b[\s,!]*)?(?:help\b|\?+$|what\s+(?:can|do)\s+(?:you|u)\s+do|what\s+(?:kind\s+of\s+|sort\s+of\s+|type\s+of\s+)?(?:questions|things)\s+(?:can|could|should)\s+(?:i|we)\s+ask|what\s+can\s+(?:i|we)\s+ask|how\s+do\s+(?:i|we)\s+use|how\s+does\s+(?:this|it|dealfit)\s+work|commands?\b|usage\b|options\b|menu\b|what\s+are\s+you)/;
const OUT_OF_SCOPE =
  /\b(?:forecast\w*|predict\w*|projections?|projected|quota|hit\s+(?:our|the)\s+(?:number|target|plan|quota)|churn\w*|renewals?|retention|nps|csat|calls?|emails?|meetings?|activit(?:y|ies)|commissions?|arr|mrr|next\s+(?:quarter|month|year|week)|weather|stock\s+price|headcount|hire|hiring|budget|marketing\s+spend|demos|make\s+(?:the|our)\s+(?:number|quota|target|plan)|cac|payback|ltv|margins?|profit\w*|costs?|spend)\b/;
const WHY =
  /\bwhy\b|\bwhat'?s?\s+(?:is\s+)?driving\b|\bwhat\s+drove\b|\bdrivers?\s+(?:of|behind)\b|\bwhat\s+changed\b|\bexplain\b|\breasons?\b|\bcaus(?:e|ed|ing)\b|\bbehind\s+(?:the|this|that)\b|\bwhat\s+happened\b|\bhow\s+come\b|\bwhat'?s\s+going\s+on\s+with\b|\bcontribut\w*\b/;
const COLEADS =
  /\bco-?\s?leads?\b|\bco-?\s?led\b|\bco-?\s?leading\b|\bpairings?\b|\bpaired\b|\bpartnered\s+with\b|\bco-?\s?sell\w*\b|\bproposals?\b|\bproposed\b/;
const AUDIT =
  /\baudit\b|\bcoach(?:ing|ed)?\b|\btop\s+performers?\b|\bspecialists?\b|\btiers?\b|\bunderperform\w*\b|\bneeds?\s+(?:help|coaching|support)\b|\bstruggling\b|\brep\s+(?:ranking|review|scorecard)s?\b/;
const PIPELINE =
  /\bpipe(?:line)?s?\b|\bvelocity\b|\bhow\s+much\s+(?:is\s+)?(?:open|in\s+play|in\s+flight|on\s+the\s+table)\b|\bopen\s+(?:value|amount|dollars|revenue)\b|\bcoverage\b|\bin\s+flight\b/;
/** asking for a list of deals, not a figure about them */
const DEALS =
  /\b(?:show|list|which|any|give\s+me|pull(?:\s+up)?|see|find|display|get\s+me|what\s+are\s+the|biggest|largest|top\s+\d+)\b[^?]*\b(?:deals?|opps?|opportunit(?:y|ies)|ones)\b/;
const DEAL_WORDS = /\bdeals?\b|\bopportunit(?:y|ies)\b|\bopps\b/;
const MOMENTUM =
  /\bmomentum\b|\bsmi\b|\bslipping\b|\bsliding\b|\btrending\b|\bbright\s+spots?\b|\blosing\s+(?:steam|ground)\b|\bpicking\s+up\b|\bgaining\b|\bheating\s+up\b|\bcooling\b|\bdeclin\w*\b|\bimprov\w*\b|\bgetting\s+(?:worse|better)\b|\bmovers?\b|\bsegments?\b/;
const WINRATE =
  /\bwin\s*-?\s*rates?\b|\bclose\s+rates?\b|\bclosing\s+rates?\b|\bconversion\b|\bhit\s+rates?\b|\bwin\s+(?:%|pct|percentage|ratio)\b|\bwinning\b|\bwins?\b|\bwon\b|\bhow\s+(?:are|is|'s|were|was)\s+(?:we|it|things|the\s+team)\b|\bhow(?:'s|\s+is|\s+are)?\b.*\b(?:doing|looking|going|performing|tracking|shaping)\b/;
const REP_TALK =
  /\bhow(?:'s|\s+is|\s+are|\s+has|\s+have)?\b.*\b(?:doing|performing|going|looking|tracking|done)\b|\bperformance\b|\btrack\s+record\b|\bhow\s+good\b|\bstats?\b|\bnumbers\b|\bscorecard\b|\btell\s+me\s+about\b|\bhow\s+strong\b/;
const FOLLOW_UP_CUE =
  /^(?:and|also|what\s+about|how\s+about|same|now|ok(?:ay)?|then|but|only|just|what\s+if|instead|in|for|by|with|without|excluding|over|under)\b|\binstead\b/;

/**
 * The intent of a question: `said` when its own words name it ("why", "audit", "win
 * rate"), not when it only follows from a value (a rep named, a flag): a reply in a
 * thread keeps the thread's intent unless it says another.
 */
function intentOf(low: string, u: Understood): { intent: Intent; said: boolean } | null {
  const said = (intent: Intent) => ({ intent, said: true });
  if (HELP.test(low)) return said('help');
  if (OUT_OF_SCOPE.test(low)) return said('unknown');
  if (u.dealId) return said('deal');
  if (COLEADS.test(low)) return said('coleads');
  if (AUDIT.test(low)) return said('audit');
  if (WHY.test(low)) return said('why');
  if (PIPELINE.test(low)) return said('pipeline');
  const rateWords =
    /\bwin\s*-?\s*rates?\b|\bclose\s+rates?\b|\bclosing\s+rates?\b|\bconversion\b|\bhit\s+rates?\b/.test(
      low,
    );
  if (DEALS.test(low) && !rateWords) return said('deals');
  if (MOMENTUM.test(low) && !rateWords) return said('momentum');
  if (u.filters.rep && REP_TALK.test(low) && !rateWords) return said('rep');
  if (rateWords || WINRATE.test(low)) return said('winrate');
  // "HealthTech deals over 50k": deals named with no figure asked of them is a list
  if (DEAL_WORDS.test(low)) return said('deals');
  if (u.filters.flag || u.filters.minAgeDays !== undefined) return { intent: 'deals', said: false };
  if (u.filters.rep) return { intent: 'rep', said: false };
  return null;
}

// --- values ---------------------------------------------------------------------------

interface Token {
  text: string;
  low: string;
  start: number;
  end: number;
}

const VALUE_PREPOSITION = /^(?:in|for|at|within|from|about|on)$/;

function tokensOf(text: Text): Token[] {
  return [...text.rest.matchAll(/@?[a-z0-9][a-z0-9_'-]*/g)].map((m) => ({
    text: text.original.slice(m.index, m.index + m[0].length).replace(/'s$/i, ''),
    low: m[0].replace(/'s$/, ''),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

interface ValueReading {
  values: Array<{ dimension: Dimension; value: string }>;
  notFound: string[];
  corrected: Array<{ from: string; to: string }>;
}

function readValues(text: Text, lexicon: Lexicon): ValueReading {
  const tokens = tokensOf(text);
  const out: ValueReading = { values: [], notFound: [], corrected: [] };
  const adjacent = (a: Token, b: Token) => /^[\s-]{0,2}$/.test(text.rest.slice(a.end, b.start));
  const used = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const t = tokens[i]!;
    if (t.low.startsWith('@')) {
      const rep = lexicon.repOfSlackUser(t.low.slice(1));
      if (rep) out.values.push({ dimension: 'rep', value: rep });
      used.add(i);
      continue;
    }
    let matched = false;
    for (let len = Math.min(3, tokens.length - i); len >= 1 && !matched; len--) {
      const span = tokens.slice(i, i + len);
      if (span.some((s, k) => k > 0 && !adjacent(span[k - 1]!, s))) continue;
      if (len === 1 && VOCABULARY.has(t.low) && !lexicon.lookup(t.low)) continue;
      const hit = lexicon.lookup(span.map((s) => s.low).join(' '));
      if (hit) {
        out.values.push(hit);
        for (let k = i; k < i + len; k++) used.add(k);
        matched = true;
      }
    }
    if (matched) continue;
    // "rep 99" / "rep_99": a rep id that is not in the data
    const next = tokens[i + 1];
    if (
      /^rep[_-]?\d+$/.test(t.low) ||
      (t.low === 'rep' && next && /^\d+$/.test(next.low) && adjacent(t, next))
    ) {
      const said =
        /^\d+$/.test(next?.low ?? '') && t.low === 'rep' ? `${t.text} ${next!.text}` : t.text;
      if (t.low === 'rep' && next && /^\d+$/.test(next.low)) used.add(i + 1);
      out.notFound.push(said);
      used.add(i);
      continue;
    }
    if (VOCABULARY.has(t.low) || /^\d/.test(t.low) || t.low.length < 3) continue;
    const near = lexicon.nearest(t.low);
    if (near) {
      out.values.push(near);
      out.corrected.push({ from: t.text, to: near.value });
      used.add(i);
      continue;
    }
    let b = i - 1;
    while (
      b >= 0 &&
      /^(?:the|our|a|an|my)$/.test(tokens[b]!.low) &&
      adjacent(tokens[b]!, tokens[b + 1]!)
    )
      b--;
    const before = tokens[b];
    if (before && VALUE_PREPOSITION.test(before.low) && adjacent(before, tokens[b + 1]!)) {
      // a word in a value's place that names nothing we have: "in Narnia", "for Biotech"
      let said = t.text;
      const after = tokens[i + 1];
      if (
        after &&
        adjacent(t, after) &&
        !VOCABULARY.has(after.low) &&
        !lexicon.lookup(after.low) &&
        /^[a-z]/.test(after.low)
      ) {
        said = `${said} ${after.text}`;
        used.add(i + 1);
      }
      out.notFound.push(said);
      used.add(i);
    }
  }
  return out;
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
  const comparison = periods.find((p) => p.comparison && p !== main) ?? null;

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
  return {
    intent,
    filters: { ...previous.filters, ...u.filters },
    groupBy: u.groupBy ?? (said && said !== previous.intent ? null : previous.groupBy),
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
