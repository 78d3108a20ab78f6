/**
 * The period phrases our own resolver reads (quarters, halves, years, months, weeks,
 * rolling windows, "since …"), each a pattern and how it resolves against asOf.
 */
import { fromDayNumber, toDayNumber, weekdayOf } from '../../domain/dates.js';
import {
  addMonths,
  cut,
  fullYear,
  halfPeriod,
  latestStarted,
  MONTH_WORD,
  MONTHS,
  monthPeriod,
  NUMBER_WORDS,
  ORDINALS,
  parts,
  quarterPeriod,
  rollingPeriod,
  type Unit,
  WEEKDAY_STEM,
  WEEKDAYS,
  yearPeriod,
  ymd,
} from './calendar.js';
import type { PeriodMatch } from './periods.js';

export const WRITTEN_DATE = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}/;

/** the words that make the period after them the one compared with */
const COMPARE_WORD = String.raw`(?:\bvs\.?|\bversus|\bcompared\s+(?:to|with)|\bthan|\bagainst|\brelative\s+to)`;
export const COMPARE_BEFORE = new RegExp(`${COMPARE_WORD}\\s+(?:the\\s+|in\\s+)?$`);

interface Rule {
  re: RegExp;
  resolve(
    m: RegExpExecArray,
    asOf: string,
  ): Omit<PeriodMatch, 'start' | 'end' | 'comparison'> | null;
}

const unitOf = (word: string): Unit => word.replace(/s$/, '') as Unit;

export const RULES: Rule[] = [
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
      const monday = day - weekdayOf(day) - 7;
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
      return { period: { from: fromDayNumber(day - weekdayOf(day)), to: asOf }, kind: 'week' };
    },
  },
  {
    // since Monday, since last Friday: the latest such day before asOf (asOf's own weekday
    // means a week ago, as "since Monday" said on a Monday means the one before), to asOf
    re: new RegExp(String.raw`\bsince\s+(?:last\s+)?(${WEEKDAY_STEM})(?:day)?\b`, 'g'),
    resolve(m, asOf) {
      const day = toDayNumber(asOf);
      const wanted = WEEKDAYS.findIndex((w) => m[1]!.startsWith(w));
      const back = (weekdayOf(day) - wanted + 7) % 7 || 7;
      return { period: { from: fromDayNumber(day - back), to: asOf }, kind: 'range' };
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
    // in March, during May 2024, for June, March '24 — a month name needs a preposition or a
    // year — and "vs February", "compared to May": after a comparison it is the other period
    re: new RegExp(
      `\\b(?:(?:in|during|for|of|over|through|throughout|the)\\s+(?:the\\s+month\\s+of\\s+)?(${MONTH_WORD})(?:\\s+('?\\d{2}(?!\\d)|20\\d{2}))?|(${MONTH_WORD})\\s+('?\\d{2}(?!\\d)|20\\d{2})|(?<=${COMPARE_WORD}\\s+(?:the\\s+)?)(${MONTH_WORD}))\\b(?!\\s*\\d)`,
      'g',
    ),
    resolve(m, asOf) {
      const mo = MONTHS[(m[1] ?? m[3] ?? m[5])!]!;
      const y = fullYear(m[2] ?? m[4]);
      const p = y ? monthPeriod(y, mo) : latestStarted(asOf, (yy) => monthPeriod(yy, mo));
      return p.from > asOf ? null : { period: cut(p, asOf), kind: 'month' };
    },
  },
  {
    // "march audit", "audit may": next to the audit a month name is a month, not a verb;
    // so before the figures asked of it ("March numbers", "may win rate")
    re: new RegExp(
      `\\b(${MONTH_WORD})(?=\\s+(?:(?:rep\\s+)?audit|numbers|figures|results|win\\s*-?\\s*rates?|close\\s+rates?|pipeline|performance)\\b)|(?<=\\baudit\\s+)(${MONTH_WORD})\\b(?!\\s*\\d)`,
      'g',
    ),
    resolve(m, asOf) {
      const mo = MONTHS[(m[1] ?? m[2])!]!;
      const p = latestStarted(asOf, (yy) => monthPeriod(yy, mo));
      return p.from > asOf ? null : { period: cut(p, asOf), kind: 'month' };
    },
  },
  {
    // a bare year: 2023, in 2023, FY2023, FY23 (a fiscal year read as the calendar year)
    re: /\b(?:fy\s*)?(20\d{2})\b(?![-/]\d)|\bfy\s*'?(\d{2})\b/g,
    resolve(m, asOf) {
      const p = yearPeriod(m[1] ? Number(m[1]) : 2000 + Number(m[2]));
      return p.from > asOf ? null : { period: cut(p, asOf), kind: 'year' };
    },
  },
];
