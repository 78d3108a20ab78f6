/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings and on day numbers (days since
 * 1970-01-01, UTC). Pure: no clock is read here.
 */
const MS_PER_DAY = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a valid `YYYY-MM-DD`, or NaN when the string is not a real calendar date. */
export function toDayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return Number.NaN;
  }
  return ms / MS_PER_DAY;
}

/** Day number of an as-of date; a RangeError when it is not a real calendar date. */
export function asOfDayNumber(asOf: string): number {
  const day = toDayNumber(asOf);
  if (Number.isNaN(day)) throw new RangeError(`not a calendar date: "${asOf}"`);
  return day;
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isIsoDate(date: string): boolean {
  return !Number.isNaN(toDayNumber(date));
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The weekday of a day number, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** ISO-8601 week of a date, e.g. `2024-W03` (weeks start on Monday; week 1 holds a Thursday). */
export function isoWeek(date: string): string {
  const day = toDayNumber(date);
  // weekday 1 = Monday ... 7 = Sunday
  const weekday = weekdayOf(day) + 1;
  const thursday = day + 4 - weekday;
  const year = Number(fromDayNumber(thursday).slice(0, 4));
  const week = Math.floor((thursday - toDayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
