/**
 * Pure parsing of slash-command text. Slack sends whatever the user typed (up to its own
 * limits), so every path ends in either a typed request or a short problem to echo back
 * with the usage: nothing here throws, nothing is looked up.
 */
import type { Dimension } from '../../domain/deal.js';
import { editDistance } from '../../domain/edit-distance.js';

export type Visibility = 'ephemeral' | 'in_channel';

export type Parsed<T> =
  | ({ ok: true; help: false; visibility: Visibility } & T)
  | { ok: true; help: true; visibility: Visibility }
  | {
      ok: false;
      problem: string;
      /** the words are not the command's grammar: they may be a question in plain words */
      freeText?: boolean;
    };

/** Longer than any valid command; longer text is refused before it is even split. */
export const MAX_TEXT = 200;

const DIMENSIONS: Record<string, Dimension> = {
  industry: 'industry',
  industries: 'industry',
  region: 'region',
  regions: 'region',
  product: 'product',
  products: 'product',
  lead: 'leadSource',
  leads: 'leadSource',
  lead_source: 'leadSource',
  leadsource: 'leadSource',
  source: 'leadSource',
  rep: 'rep',
  reps: 'rep',
};

const HELP_WORDS = new Set(['help', '-h', '--help', '?']);

/** "did you mean …" for a near miss among `words`. */
function suggestion(word: string, words: string[]): string {
  const best = words
    .map((w) => ({ w, d: editDistance(word.toLowerCase(), w) }))
    .sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 2 ? ` Did you mean \`${best.w}\`?` : '';
}

/** Shows a user's word back safely: one line, at most 40 characters. */
function quote(word: string): string {
  const one = word.replace(/\s+/g, ' ');
  return `"${one.length > 40 ? `${one.slice(0, 39)}…` : one}"`;
}

/** Splits the text, pulls out `public` and help words, and refuses oversized input. */
function tokens(
  text: string,
):
  | { ok: true; words: string[]; visibility: Visibility; help: boolean }
  | { ok: false; problem: string } {
  if (text.length > MAX_TEXT) {
    return {
      ok: false,
      problem: `That is ${text.length.toLocaleString('en-US')} characters; the command takes a few words.`,
    };
  }
  const all = text.trim().split(/\s+/).filter(Boolean);
  const visibility: Visibility = all.some((w) => w.toLowerCase() === 'public')
    ? 'in_channel'
    : 'ephemeral';
  const help = all.some((w) => HELP_WORDS.has(w.toLowerCase()));
  const words = all.filter((w) => w.toLowerCase() !== 'public' && !HELP_WORDS.has(w.toLowerCase()));
  return { ok: true, words, visibility, help };
}

export interface WinRateArgs {
  by?: Dimension;
  window: number | 'all';
}

export function parseWinRateArgs(text: string): Parsed<WinRateArgs> {
  const t = tokens(text);
  if (!t.ok) return t;
  if (t.help) return { ok: true, help: true, visibility: t.visibility };
  let by: Dimension | undefined;
  let window: number | 'all' | undefined;
  for (const word of t.words) {
    const lower = word.toLowerCase();
    const dimension = DIMENSIONS[lower];
    const days = /^(\d{1,4})d?$/.exec(lower);
    if (dimension) {
      if (by)
        return { ok: false, problem: `Give one segment, not ${quote(by)} and ${quote(word)}.` };
      by = dimension;
    } else if (lower === 'all' || days) {
      if (window !== undefined)
        return { ok: false, problem: `Give one window; ${quote(word)} is extra.` };
      const n = days ? Number(days[1]) : 0;
      if (days && (n < 7 || n > 3650)) {
        return {
          ok: false,
          problem: `A window of ${n} days is out of range (7 to 3650 days, or \`all\`).`,
        };
      }
      window = lower === 'all' ? 'all' : n;
    } else {
      const known = [
        'industry',
        'region',
        'product',
        'lead',
        'rep',
        'all',
        '90d',
        'public',
        'help',
      ];
      const near = suggestion(word, known);
      return {
        ok: false,
        problem: `Unknown segment or window ${quote(word)}.${near}`,
        // a near miss of the grammar ("industy") is a typo, not a question
        ...(near ? {} : { freeText: true }),
      };
    }
  }
  return {
    ok: true,
    help: false,
    visibility: t.visibility,
    window: window ?? 90,
    ...(by ? { by } : {}),
  };
}

const DEAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export function parseRsfsArgs(text: string): Parsed<{ dealId: string }> {
  const t = tokens(text);
  if (!t.ok) return t;
  if (t.help) return { ok: true, help: true, visibility: t.visibility };
  if (t.words.length === 0)
    return { ok: false, problem: 'Which deal? Give its id, e.g. `/rsfs D04521`.' };
  if (t.words.length > 1)
    return { ok: false, problem: `One deal id at a time; ${quote(t.words[1]!)} is extra.` };
  const dealId = t.words[0]!;
  if (!DEAL_ID.test(dealId)) {
    return {
      ok: false,
      problem: `${quote(dealId)} is not a deal id (letters, digits, - _ . : only).`,
    };
  }
  return { ok: true, help: false, visibility: t.visibility, dealId };
}

export function parseAuditArgs(text: string): Parsed<{ month?: string }> {
  const t = tokens(text);
  if (!t.ok) return t;
  if (t.help) return { ok: true, help: true, visibility: t.visibility };
  // "march", "last month", "2024-01 and more": words, not the YYYY-MM grammar
  const words = t.words.some((w) => /[a-z]/i.test(w));
  if (t.words.length > 1)
    return {
      ok: false,
      problem: `Give one month; ${quote(t.words[1]!)} is extra.`,
      ...(words ? { freeText: true } : {}),
    };
  const month = t.words[0];
  if (month === undefined) return { ok: true, help: false, visibility: t.visibility };
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    return {
      ok: false,
      problem: `${quote(month)} is not a month; use YYYY-MM, e.g. \`2024-01\`.`,
      ...(words ? { freeText: true } : {}),
    };
  }
  return { ok: true, help: false, visibility: t.visibility, month };
}
