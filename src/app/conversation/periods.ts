/**
 * Periods in plain words, resolved against asOf (docs/metrics.md "Questions in plain
 * words"): calendar quarters, halves, years and months are our own resolver; explicit
 * calendar days ("since Jan 15", "between March 1 and April 15") come from chrono-node.
 * Every period is inclusive `YYYY-MM-DD`, never reaches past asOf, and a rolling window
 * "last N units" is (asOf − N units, asOf].
 */
import * as chrono from 'chrono-node';
import { addDays, toDayNumber } from '../../domain/dates.js';
import {
  addMonths,
  halfPeriod,
  MONTH_WORD,
  monthPeriod,
  parts,
  quarterPeriod,
  rollingPeriod,
  type Unit,
  yearPeriod,
  ymd,
} from './calendar.js';
import { COMPARE_BEFORE, RULES, WRITTEN_DATE } from './period-rules.js';
import type { Period } from './understood.js';

const MONTH_NAME = new RegExp(`\\b(?:${MONTH_WORD})\\b`, 'i');
const NUMERIC_DATE = /\d{1,4}[-/.]\d{1,2}/;
const MONTH_DAY = new RegExp(
  `\\b(?:${MONTH_WORD})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH_WORD})\\b`,
  'i',
);

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

/** A chrono date as YYYY-MM-DD, moved a year back when its year was guessed and it lies after asOf. */
function chronoDay(c: chrono.ParsedComponents, asOf: string): string {
  const date = ymd(c.get('year')!, c.get('month')!, c.get('day')!);
  return date > asOf && !c.isCertain('year')
    ? ymd(c.get('year')! - 1, c.get('month')!, c.get('day')!)
    : date;
}

/** Explicit calendar days: since Jan 15, from 2024-02-01 to 2024-03-15, between March 1 and April 15. */
function explicitDays(text: string, asOf: string): PeriodMatch[] {
  // chrono tries every one of its parsers on the text (milliseconds under load). A day this
  // keeps must be certain of its day and month, which takes a month name with a day number
  // (Jan 15, 15th of March) or a numeric date (2024-02-01, 3/15): "since March" (our own
  // rules), "Q2 2024", "last 30 days" and "$40k" never reach chrono.
  if (!MONTH_DAY.test(text) && !NUMERIC_DATE.test(text)) return [];
  const ref = new Date(`${asOf}T12:00:00Z`);
  const results = chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false });
  // a written calendar day only: a month name or a numeric date, never "30 days ago"
  const days = results.filter(
    (r) =>
      r.start.isCertain('day') &&
      r.start.isCertain('month') &&
      (WRITTEN_DATE.test(r.text) || MONTH_NAME.test(r.text)),
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
