/**
 * The period an answer uses when the question names none (metrics.md "Questions in plain
 * words"): the last 90 days for a win rate (as `/winrate`'s default window), the same
 * against the 90 days before for "why", the last 365 days for one rep (the fit's history
 * window). A named period with no comparison gets, for "why", the period just before it.
 */
import { addDays, daysBetween } from '../../domain/dates.js';
import type { Period } from './understood.js';

export const WIN_RATE_DAYS = 90;
export const REP_DAYS = 365;

export function lastDays(asOf: string, days: number): Period {
  return { from: addDays(asOf, -(days - 1)), to: asOf };
}

/** The period of the same length ending the day before `p` starts. */
export function sameLengthBefore(p: Period): Period {
  const length = daysBetween(p.from, p.to) + 1;
  const to = addDays(p.from, -1);
  return { from: addDays(to, -(length - 1)), to };
}

/** `p` cut at asOf (a period that runs past the data ends where the data ends). */
export function cutAt(p: Period, asOf: string): Period {
  return p.to > asOf ? { from: p.from, to: asOf } : p;
}
