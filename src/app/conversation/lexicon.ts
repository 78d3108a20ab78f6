/**
 * The values a question can name, built from the data's own values (industries, regions,
 * products, lead sources, rep ids) and the people behind rep ids (DEALFIT_REP_USERS and
 * their Slack names). Values compare ignoring case, spaces, punctuation and a plural "s";
 * a near miss is found by edit distance and the caller says it corrected it.
 */
import type { Dimension } from '../../domain/deal.js';
import { editDistance } from '../../domain/edit-distance.js';

export interface RepPerson {
  repId: string;
  /** "Dana Whitfield": the full name and, when no one else shares it, the first name */
  name?: string;
  slackUserId?: string;
}

export interface LexiconSource {
  values: Record<Dimension, readonly string[]>;
  people?: readonly RepPerson[];
}

export interface ValueHit {
  dimension: Dimension;
  /** as stored: "FinTech", "North America", "rep_19" */
  value: string;
}

/** lower case, letters and digits only, a plural "s" dropped: "Fin-Techs" -> "fintech" */
export function normalizeWord(text: string): string {
  const plain = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return plain.length > 3 && plain.endsWith('s') && !plain.endsWith('ss')
    ? plain.slice(0, -1)
    : plain;
}

/**
 * How far a word may be from a value and still be taken for it. metrics.md allows an edit
 * distance of 2. On short words that takes "more" for Core and "says" for SaaS, so a
 * 4-letter word may be 1 edit away, a longer one 2, a shorter one must match exactly, and
 * the first letter must be right (people mistype the middle of a word, not its start).
 */
function allowedDistance(length: number): number {
  return length >= 5 ? 2 : length === 4 ? 1 : 0;
}

export class Lexicon {
  private readonly exact = new Map<string, ValueHit>();
  private readonly slackUsers = new Map<string, string>();
  /** every stored value and person name once, for near misses and "did you mean" */
  private readonly candidates: Array<{ key: string; hit: ValueHit; label: string }> = [];

  constructor(source: LexiconSource) {
    for (const [dimension, values] of Object.entries(source.values) as Array<
      [Dimension, readonly string[]]
    >) {
      for (const value of values) this.add(normalizeWord(value), { dimension, value }, value);
    }
    const firstNames = new Map<string, number>();
    for (const p of source.people ?? []) {
      const first = p.name?.trim().split(/\s+/)[0];
      if (first)
        firstNames.set(normalizeWord(first), (firstNames.get(normalizeWord(first)) ?? 0) + 1);
    }
    for (const p of source.people ?? []) {
      const hit: ValueHit = { dimension: 'rep', value: p.repId };
      if (p.slackUserId) this.slackUsers.set(p.slackUserId.toUpperCase(), p.repId);
      if (!p.name?.trim()) continue;
      this.add(normalizeWord(p.name), hit, p.name.trim());
      const first = normalizeWord(p.name.trim().split(/\s+/)[0]!);
      if (firstNames.get(first) === 1) this.add(first, hit, p.name.trim().split(/\s+/)[0]!);
    }
  }

  private add(key: string, hit: ValueHit, label: string): void {
    if (!key || this.exact.has(key)) return;
    this.exact.set(key, hit);
    this.candidates.push({ key, hit, label });
  }

  /** The value a phrase names exactly (after normalizing), if any. */
  lookup(phrase: string): ValueHit | undefined {
    return this.exact.get(normalizeWord(phrase));
  }

  /** The rep behind a Slack user id (a mention `<@U0DANA>`). */
  repOfSlackUser(userId: string): string | undefined {
    return this.slackUsers.get(userId.toUpperCase());
  }

  /** The one value closest to `word` within the allowed distance; a tie is no answer. */
  nearest(word: string): ValueHit | undefined {
    const key = normalizeWord(word);
    const limit = allowedDistance(key.length);
    if (limit === 0) return undefined;
    let best: ValueHit | undefined;
    let bestDistance = limit + 1;
    let tie = false;
    for (const c of this.candidates) {
      if (Math.abs(c.key.length - key.length) > limit || c.key[0] !== key[0]) continue;
      const d = editDistance(key, c.key);
      if (d < bestDistance) {
        best = c.hit;
        bestDistance = d;
        tie = false;
      } else if (d === bestDistance && c.hit.value !== best?.value) {
        tie = true;
      }
    }
    return tie ? undefined : best;
  }

  /**
   * Up to three stored values nearest to `word`, for "did you mean …". A short word gets
   * only values nearly as short: "US" is 3 edits from "Pro" and from "SaaS", which are no
   * better guesses than any other value.
   */
  suggest(word: string, dimension?: Dimension): string[] {
    const key = normalizeWord(word);
    return this.candidates
      .filter((c) => !dimension || c.hit.dimension === dimension)
      .map((c) => ({ label: c.label, d: editDistance(key, c.key) }))
      .filter((c) => c.d <= suggestDistance(key.length))
      .sort((a, b) => a.d - b.d || a.label.localeCompare(b.label))
      .slice(0, 3)
      .map((c) => c.label);
  }

  /** the stored values of one dimension (for help texts and examples) */
  values(dimension: Dimension): string[] {
    return this.candidates
      .filter((c) => c.hit.dimension === dimension && c.label === c.hit.value)
      .map((c) => c.hit.value);
  }
}

/** how many edits a "did you mean" may be from the word said */
function suggestDistance(length: number): number {
  if (length <= 2) return 1;
  if (length <= 4) return 2;
  return Math.max(3, Math.ceil(length / 2));
}
