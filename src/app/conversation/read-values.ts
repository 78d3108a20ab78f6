/**
 * The words left once the phrases are read, matched against the data's own values: exact
 * (up to three words: "North America", "rep 19"), a Slack mention of a rep, a near miss
 * (said as corrected), or a word in a value's place that names nothing ("in Narnia").
 */
import type { Dimension } from '../../domain/deal.js';
import { MONTH_WORD, WEEKDAY_STEM } from './calendar.js';
import type { Lexicon } from './lexicon.js';
import type { Text } from './question-text.js';
import { VOCABULARY } from './vocabulary.js';

// --- values ---------------------------------------------------------------------------

interface Token {
  text: string;
  low: string;
  start: number;
  end: number;
}

const VALUE_PREPOSITION = /^(?:in|for|at|within|from|about|on)$/;
/** what asks to leave the value after it out: "excluding SaaS", "other than APAC" */
const LEAVE_OUT_BEFORE =
  /(?:\bexclud(?:e|es|ing)|\bexcept(?:\s+for)?|\bwithout|\boutside(?:\s+of)?|\bminus|\bother\s+than|\bnot\s+(?:in|including|counting)|\b(?:apart|aside)\s+from|\bleaving\s+out|\bignoring|\bex)\s+(?:the\s+)?$/;
/** "how is Narnia doing", "how's bob performing": the word between names the subject */
const HOW_IS_BEFORE = /\bhow(?:'s|\s+(?:is|are))\s+(?:the\s+|our\s+)?(?:[a-z0-9_'-]+\s+)?$/;
const DOING_AFTER = /^\s+(?:doing|performing|looking|going|trending|tracking)\b/;
/** a month or a weekday: capitalised as a name is, but a time ("May I…", "Friday's call") */
const CALENDAR_WORD = new RegExp(`^(?:${MONTH_WORD}|(?:${WEEKDAY_STEM})(?:day)?)$`);
/** the nouns a value stands before: "Narnia deals", "Biotech win rate" */
const VALUE_BEFORE = /^(?:deals?|opps?|pipeline|win|reps?|team|business|accounts?|segment)$/;

function tokensOf(text: Text): Token[] {
  return [...text.rest.matchAll(/@?[a-z0-9][a-z0-9_'-]*/g)].map((m) => ({
    text: text.original.slice(m.index, m.index + m[0].length).replace(/'s$/i, ''),
    low: m[0].replace(/'s$/, ''),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

export interface ValueReading {
  values: Array<{ dimension: Dimension; value: string }>;
  /** values asked to be left out (stored form) */
  excluded: string[];
  notFound: string[];
  corrected: Array<{ from: string; to: string }>;
}

export function readValues(text: Text, lexicon: Lexicon): ValueReading {
  const tokens = tokensOf(text);
  const out: ValueReading = { values: [], excluded: [], notFound: [], corrected: [] };
  const leftOut = (t: Token) => LEAVE_OUT_BEFORE.test(text.rest.slice(0, t.start));
  const adjacent = (a: Token, b: Token) => /^[\s-]{0,2}$/.test(text.rest.slice(a.end, b.start));
  const used = new Set<number>();
  // a question in capitals throughout ("WIN RATE IN APAC") says nothing by its capitals
  const shouted = !/[a-z]/.test(text.original);
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const t = tokens[i]!;
    if (t.low.startsWith('@')) {
      const rep = lexicon.repOfSlackUser(t.low.slice(1));
      // a person named who is no rep we know: never a figure for "everyone" instead
      if (rep) out.values.push({ dimension: 'rep', value: rep });
      else out.notFound.push(t.text);
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
        if (leftOut(t)) out.excluded.push(hit.value);
        else out.values.push(hit);
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
    if (/^\d/.test(t.low)) continue;
    // "the US team", "IT deals": capitals make a short or common word a name, which must
    // then be found or said not found, never dropped as the pronoun "us"
    const acronym = !shouted && /^[A-Z]{2,5}$/.test(t.text);
    if (!acronym && (VOCABULARY.has(t.low) || t.low.length < 3)) continue;
    const near =
      acronym && (VOCABULARY.has(t.low) || t.low.length < 3) ? null : lexicon.nearest(t.low);
    if (near) {
      if (leftOut(t)) out.excluded.push(near.value);
      else out.values.push(near);
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
    const after = tokens[i + 1];
    if (after && VALUE_BEFORE.test(after.low) && adjacent(t, after)) {
      out.notFound.push(t.text);
      used.add(i);
      continue;
    }
    if (before && VALUE_PREPOSITION.test(before.low) && adjacent(before, tokens[b + 1]!)) {
      // a word in a value's place that names nothing we have: "in Narnia", "for Biotech"
      let said = t.text;
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
      continue;
    }
    // "how is Narnia doing?": a capitalised word past the first names something, and so
    // does the subject of "how is … doing"; one that matches nothing must be said not
    // found, never answered with everyone's figure
    const capitalised = i > 0 && !shouted && /^[A-Z]/.test(t.text);
    const subject =
      HOW_IS_BEFORE.test(text.rest.slice(0, t.start)) && DOING_AFTER.test(text.rest.slice(t.end));
    if ((capitalised || subject) && !VOCABULARY.has(t.low) && !CALENDAR_WORD.test(t.low)) {
      out.notFound.push(t.text);
      used.add(i);
    }
  }
  return out;
}
