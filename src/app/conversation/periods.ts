/**
 * Periods in plain words, resolved against asOf (docs/metrics.md "Questions in plain
 * words"): calendar quarters, halves, years and months are our own resolver; explicit
 * calendar days ("since Jan 15", "between March 1 and April 15") come from chrono-node.
 * Every period is inclusive `YYYY-MM-DD`, never reaches past asOf, and a rolling window
 * "last N units" is (asOf − N units, asOf].
 */
import * as chrono from 'chrono-node';
import { addDays, fromDayNumber, toDayNumber } from '../../domain/dates.js';
import type { Period } from './understood.js';

/** What kind of period a phrase named: the "period before" of a `why` follows it. */
export type PeriodKind = 'quarter' | 'half' | 'year' | 'month' | 'week' | 'rolling' | 'range';

export interface PeriodMatch {
  period: Period;
  kind: PeriodKind;
  /** for a rolling window: its length as said (3 months stays 3 months) */
  rolling?: { n: number; unit: Unit };
  /** the phrase's span in the text, [start, end) */
  start: number;
  end: number;
  /** said after "vs", "compared to", "than", "against" */
  comparison: boolean;
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH_WORD = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const parts = (date: string) => date.split('-').map(Number) as [number, number, number];

function monthPeriod(y: number, m: number): Period {
  return { from: ymd(y, m, 1), to: ymd(y, m, daysInMonth(y, m)) };
}
function quarterPeriod(y: number, q: number): Period {
  return { from: ymd(y, q * 3 - 2, 1), to: monthPeriod(y, q * 3).to };
}
function halfPeriod(y: number, h: number): Period {
  return { from: ymd(y, h * 6 - 5, 1), to: monthPeriod(y, h * 6).to };
}
const yearPeriod = (y: number): Period => ({ from: ymd(y, 1, 1), to: ymd(y, 12, 31) });

/** date shifted by whole months, the day clamped to the target month's length */
function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return ymd(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** A two-digit year is this century's; none = the latest such period that has begun by asOf. */
function fullYear(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const n = Number(text.replace("'", ''));
  return n < 100 ? 2000 + n : n;
}

function cut(p: Period, asOf: string): Period {
  return { from: p.from, to: p.to > asOf ? asOf : p.to };
}

/** The latest period of `make(year)` that has begun by asOf. */
function latestStarted(asOf: string, make: (y: number) => Period): Period {
  const [y] = parts(asOf);
  const p = make(y);
  return p.from <= asOf ? p : make(y - 1);
}

function rollingPeriod(asOf: string, n: number, unit: Unit): Period {
  const back =
    unit === 'day'
      ? addDays(asOf, -n)
      : unit === 'week'
        ? addDays(asOf, -7 * n)
        : addMonths(asOf, -n * (unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12));
  return { from: addDays(back, 1), to: asOf };
}

const WRITTEN_DATE = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}/;

const COMPARE_BEFORE =
  /(?:\bvs\.?|\bversus|\bcompared\s+(?:to|with)|\bthan|\bagainst|\brelative\s+to)\s+(?:the\s+|in\s+)?$/;

interface Rule {
  re: RegExp;
  resolve(
    m: RegExpExecArray,
    asOf: string,
  ): Omit<PeriodMatch, 'start' | 'end' | 'comparison'> | null;
}

const unitOf = (word: string): Unit => word.replace(/s$/, '') as Unit;

const RULES: Rule[] = [
  {
    // last 30 days, past 6 weeks, trailing 3 months, last two quarters
    re: /\b(?:last|past|previous|prior|trailing|the\s+last|over\s+the\s+last)\s+(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(days?|weeks?|months?|quarters?|years?)\b/g,
    resolve(m, asOf) {
      const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : NUMBER_WORDS[m[1]!]!;
      const unit = unitOf(m[2]!);
      if (n <= 0) return null;
      return { period: rollingPeriod(asOf, n, unit), kind: 'rolling', rolling: { n, unit } };
    },
  },
  {
    // "past month", "past year": one rolling unit
    re: /\bpast\s+(week|month|quarter|year)\b/g,
    resolve(m, asOf) {
      const unit = unitOf(m[1]!);
      return { period: rollingPeriod(asOf, 1, unit), kind: 'rolling', rolling: { n: 1, unit } };
    },
  },
  {
    re: /\b(?:this|current|the\s+current)\s+quarter\b|\bqtd\b|\bquarter\s+to\s+date\b/g,
    resolve(_m, asOf) {
      const [y, mo] = parts(asOf);
      return { period: cut(quarterPeriod(y, Math.ceil(mo / 3)), asOf), kind: 'quarter' };
    },
  },
  {
    re: /\b(?:last|previous|prior)\s+quarter\b/g,
    resolve(_m, asOf) {
      const [y, mo] = parts(asOf);
      const q = Math.ceil(mo / 3);
      return {
        period: q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1),
        kind: 'quarter',
      };
    },
  },
  {
    // Q2, Q2 2024, q2'24, Q2 of 2024, 2024 Q2, 2024-Q2, 2024Q2
    re: /\b(?:(20\d{2})\s*-?\s*q([1-4])|q([1-4])(?:\s*(?:of\s+)?('?\d{2}(?!\d)|20\d{2}))?)\b/g,
    resolve(m, asOf) {
      const q = Number(m[2] ?? m[3]);
      const y = fullYear(m[1] ?? m[4]);
      const p = y ? quarterPeriod(y, q) : latestStarted(asOf, (yy) => quarterPeriod(yy, q));
      return p.from > asOf ? null : { period: cut(p, asOf), kind: 'quarter' };
    },
  },
  {
    re: /\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+(?:of\s+)?(20\d{2}))?\b/g,
    resolve(m, asOf) {
      const q = ORDINALS[m[1]!]!;
      const y = fullYear(m[2]);
      const p = y ? quarterPeriod(y, q) : latestStarted(asOf, (yy) => quarterPeriod(yy, q));
      return p.from > asOf ? null : { period: cut(p, asOf), kind: 'quarter' };
    },
  },
  {
    // H1, H1 2024, 2024 H1, first half (of 2024), second half
    re: /\b(?:(20\d{2})\s*-?\s*h([12])|h([12])(?:\s*(?:of\s+)?('?\d{2}(?!\d)|20\d{2}))?|(first|second|1st|2nd)\s+half(?:\s+(?:of\s+)?(?:the\s+year\s+)?(20\d{2}))?)\b/g,
    resolve(m, asOf) {
      const h = m[2] ? Number(m[2]) : m[3] ? Number(m[3]) : ORDINALS[m[5]!]!;
      const y = fullYear(m[1] ?? m[4] ?? m[6]);
      const p = y ? halfPeriod(y, h) : latestStarted(asOf, (yy) => halfPeriod(yy, h));
      return p.from > asOf ? null : { period: cut(p, asOf), kind: 'half' };
    },
  },
  {
    re: /\b(?:this\s+year|ytd|year\s+to\s+date|so\s+far\s+this\s+year|current\s+year)\b/g,
    resolve(_m, asOf) {
      return { period: cut(yearPeriod(parts(asOf)[0]), asOf), kind: 'year' };
    },
  },
  {
    re: /\b(?:last|previous|prior)\s+year\b/g,
    resolve(_m, asOf) {
      return { period: yearPeriod(parts(asOf)[0] - 1), kind: 'year' };
    },
  },
  {
    re: /\b(?:this|current)\s+month\b|\bmtd\b|\bmonth\s+to\s+date\b/g,
    resolve(_m, asOf) {
      const [y, mo] = parts(asOf);
      return { period: cut(monthPeriod(y, mo), asOf), kind: 'month' };
    },
  },
  {
    re: /\b(?:last|previous|prior)\s+month\b/g,
    resolve(_m, asOf) {
      const [y, mo] = parts(addMonths(`${asOf.slice(0, 8)}01`, -1));
      return { period: monthPeriod(y, mo), kind: 'month' };
    },
  },
  {
    // the Monday-to-Sunday week before the one holding asOf
    re: /\b(?:last|previous|prior)\s+week\b/g,
    resolve(_m, asOf) {
      const day = toDayNumber(asOf);
      const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
      const monday = day - weekday - 7;
      return {
        period: { from: fromDayNumber(monday), to: fromDayNumber(monday + 6) },
        kind: 'week',
      };
    },
  },
  {
    re: /\b(?:this|current)\s+week\b|\bwtd\b/g,
    resolve(_m, asOf) {
      const day = toDayNumber(asOf);
      const weekday = (((day + 3) % 7) + 7) % 7;
      return { period: { from: fromDayNumber(day - weekday), to: asOf }, kind: 'week' };
    },
  },
  {
    // since March, since Q1, since 2023 (to asOf)
    re: new RegExp(
      `\\bsince\\s+(?:(?:the\\s+)?(?:start|beginning)\\s+of\\s+)?(?:(${MONTH_WORD})(?:\\s+('?\\d{2}(?!\\d)|20\\d{2}))?|q([1-4])(?:\\s+(20\\d{2}))?|(20\\d{2}))\\b(?!\\s*\\d)`,
      'g',
    ),
    resolve(m, asOf) {
      let from: string;
      if (m[1]) {
        const mo = MONTHS[m[1]]!;
        const y = fullYear(m[2]);
        from = (y ? monthPeriod(y, mo) : latestStarted(asOf, (yy) => monthPeriod(yy, mo))).from;
      } else if (m[3]) {
        const q = Number(m[3]);
        const y = fullYear(m[4]);
        from = (y ? quarterPeriod(y, q) : latestStarted(asOf, (yy) => quarterPeriod(yy, q))).from;
      } else {
        from = ymd(Number(m[5]), 1, 1);
      }
      return from > asOf ? null : { period: { from, to: asOf }, kind: 'range' };
    },
  },
  {
    // in March, during May 2024, for June, March '24 — a month name needs a preposition or a year
    re: new RegExp(
      `\\b(?:(?:in|during|for|of|over|through|throughout|the)\\s+(?:the\\s+month\\s+of\\s+)?(${MONTH_WORD})(?:\\s+('?\\d{2}(?!\\d)|20\\d{2}))?|(${MONTH_WORD})\\s+('?\\d{2}(?!\\d)|20\\d{2}))\\b(?!\\s*\\d)`,
      'g',
    ),
    resolve(m, asOf) {
      const mo = MONTHS[(m[1] ?? m[3])!]!;
      const y = fullYear(m[2] ?? m[4]);
      const p = y ? monthPeriod(y, mo) : latestStarted(asOf, (yy) => monthPeriod(yy, mo));
      return p.from > asOf ? null : { period: cut(p, asOf), kind: 'month' };
    },
  },
  {
    // a bare year: 2023, in 2023, FY2023
    re: /\b(?:fy\s*)?(20\d{2})\b(?![-/]\d)/g,
    resolve(m, asOf) {
      const p = yearPeriod(Number(m[1]));
      return p.from > asOf ? null : { period: cut(p, asOf), kind: 'year' };
    },
  },
];

/** A chrono date as YYYY-MM-DD, moved a year back when its year was guessed and it lies after asOf. */
function chronoDay(c: chrono.ParsedComponents, asOf: string): string {
  const date = ymd(c.get('year')!, c.get('month')!, c.get('day')!);
  return date > asOf && !c.isCertain('year')
    ? ymd(c.get('year')! - 1, c.get('month')!, c.get('day')!)
    : date;
}

/** Explicit calendar days: since Jan 15, from 2024-02-01 to 2024-03-15, between March 1 and April 15. */
function explicitDays(text: string, asOf: string): PeriodMatch[] {
  const ref = new Date(`${asOf}T12:00:00Z`);
  const results = chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false });
  // a written calendar day only: a month name or a numeric date, never "30 days ago"
  const days = results.filter(
    (r) =>
      r.start.isCertain('day') &&
      r.start.isCertain('month') &&
      (WRITTEN_DATE.test(r.text) || new RegExp(`\\b(?:${MONTH_WORD})\\b`).test(r.text)),
  );
  const out: PeriodMatch[] = [];
  for (let i = 0; i < days.length; i++) {
    const r = days[i]!;
    const start = r.index;
    const before = text.slice(0, start);
    const from = chronoDay(r.start, asOf);
    const base = { kind: 'range' as const, comparison: COMPARE_BEFORE.test(before) };
    if (r.end) {
      out.push({
        ...base,
        period: { from, to: chronoDay(r.end, asOf) },
        start,
        end: start + r.text.length,
      });
      continue;
    }
    const next = days[i + 1];
    const joined = next ? text.slice(start + r.text.length, next.index) : '';
    if (
      next &&
      /^\s*(?:and|to|until|till|through|-|–)\s*$/.test(joined) &&
      /\b(?:between|from)\s+$/.test(before)
    ) {
      out.push({
        ...base,
        period: { from, to: chronoDay(next.start, asOf) },
        start,
        end: next.index + next.text.length,
      });
      i++;
      continue;
    }
    const lead = /\b(since|after|from|starting)\s+$/.exec(before);
    if (lead) {
      const f = lead[1] === 'after' ? addDays(from, 1) : from;
      out.push({
        ...base,
        period: { from: f, to: asOf },
        start: lead.index,
        end: start + r.text.length,
      });
    } else {
      out.push({ ...base, period: { from, to: from }, start, end: start + r.text.length });
    }
  }
  return out.filter((p) => p.period.from <= p.period.to && p.period.from <= asOf);
}

/** Every period named in `text` (lower case), in order, without overlaps. */
export function findPeriods(text: string, asOf: string): PeriodMatch[] {
  const found: PeriodMatch[] = [];
  // a phrase that names a period not begun by asOf ("Q3 2024") still owns its words, so
  // the bare-year rule does not read its "2024" as the whole year
  const owned: Array<{ start: number; end: number }> = [];
  const taken = (s: number, e: number) => owned.some((p) => s < p.end && e > p.start);
  // explicit days first where they are written as dates ("2024-02-01", "March 1"), so a
  // rule does not take "2024" out of "2024-02-01"; then our rules; chrono never reads a
  // relative phrase ("last 30 days"), which the rules resolve by metrics.md
  for (const p of explicitDays(text, asOf)) {
    found.push(p);
    owned.push(p);
  }
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken(start, end)) continue;
      owned.push({ start, end });
      const resolved = rule.resolve(m as RegExpExecArray, asOf);
      if (!resolved) continue;
      found.push({
        ...resolved,
        start,
        end,
        comparison: COMPARE_BEFORE.test(text.slice(0, start)),
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The period before `m`, of the same kind and length: what a `why` compares with. */
export function periodBefore(m: PeriodMatch): Period {
  const { from, to } = m.period;
  const [y, mo] = parts(from);
  switch (m.kind) {
    case 'quarter': {
      const q = Math.ceil(mo / 3);
      return q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1);
    }
    case 'half':
      return mo === 1 ? halfPeriod(y - 1, 2) : halfPeriod(y, 1);
    case 'year':
      return yearPeriod(y - 1);
    case 'month': {
      const [py, pm] = parts(addMonths(from, -1));
      return monthPeriod(py, pm);
    }
    case 'rolling':
      if (m.rolling && m.rolling.unit !== 'day' && m.rolling.unit !== 'week') {
        return rollingPeriod(addDays(from, -1), m.rolling.n, m.rolling.unit);
      }
      return sameLengthBefore(from, to);
    default:
      return sameLengthBefore(from, to);
  }
}

function sameLengthBefore(from: string, to: string): Period {
  const length = toDayNumber(to) - toDayNumber(from) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}
