/**
 * The phrases of a question that carry a value of their own: deal ids, ages, amounts,
 * flags and groupings, each a pattern and its reading.
 */
import type { GroupBy } from './understood.js';

// --- deal ids -------------------------------------------------------------------------

export const DEAL_ID =
  /\b(?:(?:deal|opp(?:ortunity)?)\s*(?:id\s*)?(?:#|no\.?\s*)?\s*(?:d-?)?(\d{1,6})|d-?(\d{1,6}))\b/g;

export function dealIdOf(digits: string): string {
  return `D${digits.replace(/^0+(?=\d)/, '').padStart(5, '0')}`;
}

// --- ages and amounts -----------------------------------------------------------------

export const AGE_UNITS: Record<string, number> = { d: 1, day: 1, week: 7, month: 30 };
export const AGE = [
  /\b(?:older\s+than|more\s+than|over|longer\s+than|at\s+least|aged(?:\s+over)?|age\s+over|open\s+(?:for\s+)?(?:more\s+than\s+|over\s+|longer\s+than\s+|at\s+least\s+)?|stuck\s+(?:for\s+)?(?:more\s+than\s+|over\s+)?|sitting\s+(?:for\s+)?(?:more\s+than\s+|over\s+)?|>)\s*(\d+)\s*\+?\s*(days?|weeks?|months?|d)\b(?:\s+old)?/g,
  /\b(\d+)\s*\+?\s*(days?|weeks?|months?)\s+(?:old|or\s+older|or\s+more|\+)/g,
  /\b(\d+)\s*\+\s*(days?|weeks?|months?)\b/g,
];

const NUM = String.raw`\$?\s*(\d+(?:[.,]\d+)*)\s*(k|mm|m|thousand|million|grand)?\b`;
const NOT_AGE = String.raw`(?!\s*(?:days?|weeks?|months?|%|pp|percent|reps?))`;
export const AMOUNT_RANGE = new RegExp(
  String.raw`(?:\bbetween\s+)?${NUM}\s*(?:-|to|and)\s*${NUM}${NOT_AGE}`,
  'g',
);
export const AMOUNT_MIN = new RegExp(
  String.raw`(?:\b(?:over|above|more\s+than|greater\s+than|bigger\s+than|larger\s+than|at\s+least|exceeding|minimum(?:\s+of)?|min|north\s+of)|>=?)\s*${NUM}${NOT_AGE}`,
  'g',
);
export const AMOUNT_PLUS = /\$?\s*(\d+(?:[.,]\d+)*)\s*(k|mm|m)?\s*\+/g;
export const AMOUNT_MAX = new RegExp(
  String.raw`(?:\b(?:under|below|less\s+than|smaller\s+than|at\s+most|up\s+to|maximum(?:\s+of)?|max|south\s+of)|<=?)\s*${NUM}${NOT_AGE}`,
  'g',
);

export function money(digits: string, suffix: string | undefined): number {
  const n = Number(
    /^\d{1,3}(,\d{3})+$/.test(digits) ? digits.replaceAll(',', '') : digits.replace(',', '.'),
  );
  const scale = !suffix ? 1 : /^(k|thousand|grand)$/.test(suffix) ? 1_000 : 1_000_000;
  return Math.round(n * scale);
}

/** "$40k", "50,000", "1.5M": money; a small bare number ("over 5") is not an amount. */
export function looksLikeMoney(
  m: RegExpExecArray,
  digits: string,
  suffix: string | undefined,
): boolean {
  return m[0].includes('$') || suffix !== undefined || money(digits, undefined) >= 1000;
}

// --- flags and grouping ---------------------------------------------------------------

export const FLAG = /\b(red|yellow|green)\b/g;
export const AT_RISK = /\bat[-\s]?risk\b|\brisky\b|\blow[-\s]fit\b|\bin\s+trouble\b/g;

const GROUP_WORDS: Array<[GroupBy, string]> = [
  ['industry', String.raw`industr(?:y|ies)|verticals?|sectors?`],
  ['region', String.raw`regions?|geos?|geograph(?:y|ies)|territor(?:y|ies)|markets?`],
  ['product', String.raw`products?|plans?|skus?|product\s+types?`],
  ['leadSource', String.raw`lead[\s-]*sources?|sources?|channels?|lead\s+types?`],
  ['rep', String.raw`reps?|sellers?|sales\s*people|salespeople|sales\s+reps?|aes?|owners?|people`],
];
export const GROUP = new RegExp(
  String.raw`\b(?:by|per|across|for\s+(?:each|every)|each|every|broken\s+down\s+by|break(?:ing)?\s+(?:it\s+|that\s+)?down\s+by|breakdown\s+by|split\s+by|grouped\s+by|group\s+by|which|what|best|worst|top|strongest|weakest|compare|comparing|all)\s+(?:the\s+|our\s+|of\s+the\s+)?(${GROUP_WORDS.map(([, w]) => `(?:${w})`).join('|')})\b`,
  'g',
);
export function groupOf(word: string): GroupBy {
  for (const [group, words] of GROUP_WORDS)
    if (new RegExp(`^(?:${words})$`).test(word)) return group;
  return 'industry';
}
