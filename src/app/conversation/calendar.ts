/** Calendar periods as inclusive YYYY-MM-DD pairs: months, quarters, halves, years, rolling windows. */
import { addDays } from '../../domain/dates.js';
import type { Period } from './understood.js';

export type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

export const MONTHS: Record<string, number> = {
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
export const MONTH_WORD = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** a weekday's name without its "day", Monday first: "mon", "tues", "wednes", "thurs"… */
export const WEEKDAY_STEM = 'mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun';
/** their shortest forms, Monday first (weekdayOf's order) */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const NUMBER_WORDS: Record<string, number> = {
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
export const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

export const pad = (n: number) => String(n).padStart(2, '0');
export const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const parts = (date: string) => date.split('-').map(Number) as [number, number, number];

export function monthPeriod(y: number, m: number): Period {
  return { from: ymd(y, m, 1), to: ymd(y, m, daysInMonth(y, m)) };
}
export function quarterPeriod(y: number, q: number): Period {
  return { from: ymd(y, q * 3 - 2, 1), to: monthPeriod(y, q * 3).to };
}
export function halfPeriod(y: number, h: number): Period {
  return { from: ymd(y, h * 6 - 5, 1), to: monthPeriod(y, h * 6).to };
}
export const yearPeriod = (y: number): Period => ({ from: ymd(y, 1, 1), to: ymd(y, 12, 31) });

/** date shifted by whole months, the day clamped to the target month's length */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return ymd(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** A two-digit year is this century's; none = the latest such period that has begun by asOf. */
export function fullYear(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const n = Number(text.replace("'", ''));
  return n < 100 ? 2000 + n : n;
}

export function cut(p: Period, asOf: string): Period {
  return { from: p.from, to: p.to > asOf ? asOf : p.to };
}

/** The latest period of `make(year)` that has begun by asOf. */
export function latestStarted(asOf: string, make: (y: number) => Period): Period {
  const [y] = parts(asOf);
  const p = make(y);
  return p.from <= asOf ? p : make(y - 1);
}

export function rollingPeriod(asOf: string, n: number, unit: Unit): Period {
  const back =
    unit === 'day'
      ? addDays(asOf, -n)
      : unit === 'week'
        ? addDays(asOf, -7 * n)
        : addMonths(asOf, -n * (unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12));
  return { from: addDays(back, 1), to: asOf };
}
