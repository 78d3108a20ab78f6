/**
 * Calendar dates as CRM exports write them, read by hand (no regex, no Date object on the
 * hot path: every imported row has two or three of them). A time of day after the date is
 * ignored: dealfit works on calendar dates as written.
 */

/** How an export writes its dates; the pipeline turns them all into YYYY-MM-DD. */
export const DATE_FORMATS = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const NOT_A_DATE = -1e9;

/** Days since 1970-01-01 of a valid Y-M-D, else NOT_A_DATE (Hinnant's days_from_civil). */
function dayNumber(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1) return NOT_A_DATE;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays =
    m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > monthDays) return NOT_A_DATE;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Reads `len` ASCII digits at `at`, or -1. */
function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export interface ParsedDate {
  iso: string;
  day: number;
}

/**
 * Parses a date in the given format ("2024-01-05 10:30" and "2024-01-05T10:30:00Z" are
 * 2024-01-05). Returns a reason naming `field` when the text is not a date.
 */
export function parseDate(field: string, text: string, format: DateFormat): ParsedDate | string {
  let y: number;
  let m: number;
  let d: number;
  const dateish = text.length >= 10 && (text.length === 10 || text[10] === ' ' || text[10] === 'T');
  if (format === 'YYYY-MM-DD') {
    const ok = dateish && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45;
    y = ok ? digits(text, 0, 4) : -1;
    m = ok ? digits(text, 5, 2) : -1;
    d = ok ? digits(text, 8, 2) : -1;
  } else {
    const ok = dateish && text.charCodeAt(2) === 47 && text.charCodeAt(5) === 47;
    const first = ok ? digits(text, 0, 2) : -1;
    const second = ok ? digits(text, 3, 2) : -1;
    y = ok ? digits(text, 6, 4) : -1;
    m = format === 'MM/DD/YYYY' ? first : second;
    d = format === 'MM/DD/YYYY' ? second : first;
  }
  if (y < 0 || m < 0 || d < 0) {
    return `${field} ${JSON.stringify(text)} is not a date (expected ${format})`;
  }
  const day = dayNumber(y, m, d);
  if (day === NOT_A_DATE) return `${field} ${text} is not a date`;
  const iso = format === 'YYYY-MM-DD' && text.length === 10 ? text : isoOf(y, m, d);
  return { iso, day };
}

function isoOf(y: number, m: number, d: number): string {
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}
