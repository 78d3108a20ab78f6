/** A question as the parser reads it: cleaned of Slack markup, with what was read blanked out. */

/** The question with the parts already read blanked out (same length, so spans line up). */
export class Text {
  readonly original: string;
  rest: string;
  constructor(original: string) {
    this.original = original;
    this.rest = original.toLowerCase();
  }
  take(start: number, end: number): void {
    this.rest = this.rest.slice(0, start) + ' '.repeat(end - start) + this.rest.slice(end);
  }
  /** every match of `re` (global) in what is left, taken out as it is handed over */
  *each(re: RegExp): Generator<RegExpExecArray> {
    for (const m of [...this.rest.matchAll(re)]) {
      yield m as RegExpExecArray;
      this.take(m.index, m.index + m[0].length);
    }
  }
}

export function clean(text: string, botUserId?: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) =>
      id === botUserId ? ' ' : ` @${id} `,
    )
    .replace(/<(?:https?|mailto):[^>]*>/g, ' ')
    .replace(/:[a-z0-9_+'-]+:/gi, ' ')
    .replace(/\p{Extended_Pictographic}|\u200d|\ufe0f/gu, ' ')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
