/**
 * The few pieces every dealfit email is made of, as HTML and as plain text side by side:
 * escaping, a heading, a paragraph, a list, the footer with "data as of" and the note that
 * says how to stop getting it. Inline styles only: mail clients drop <style> blocks.
 */

export function html(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Plain-text sentences are already what the text part shows. */
export const plain = (text: string) => text;

/** One piece of an email in both forms. */
export interface Part {
  html: string;
  text: string;
}

const FONT = 'font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1c1d';

export function heading(title: string): Part {
  return {
    html: `<h2 style="margin:20px 0 6px;font-size:16px">${html(title)}</h2>`,
    text: `${title}\n${'-'.repeat(title.length)}`,
  };
}

export function paragraph(line: string, muted = false): Part {
  const style = muted ? ' style="color:#616061;font-size:13px"' : '';
  return { html: `<p${style}>${html(line)}</p>`, text: line };
}

/** A bulleted list, or with `numbered` lines that already say "1. …" (the <ol> numbers them). */
export function list(lines: string[], numbered = false): Part {
  const tag = numbered ? 'ol' : 'ul';
  const item = (l: string) => `<li>${html(numbered ? l.replace(/^\d+\.\s+/, '') : l)}</li>`;
  return {
    html: `<${tag}>${lines.map(item).join('')}</${tag}>`,
    text: lines.map((l) => (numbered ? l : `- ${l}`)).join('\n'),
  };
}

/** Label → value rows (the digest's headline figures). */
export function figures(rows: Array<[label: string, value: string]>): Part {
  return {
    html: `<table cellpadding="6" style="border-collapse:collapse">${rows
      .map(
        ([label, value]) =>
          `<tr><th align="left" valign="top" style="padding-right:16px">${html(label)}</th><td>${html(value).replace(/\n/g, '<br>')}</td></tr>`,
      )
      .join('')}</table>`,
    text: rows.map(([label, value]) => `${label}: ${value.replace(/\n/g, '; ')}`).join('\n'),
  };
}

/** "data as of …" and why this address gets the email, naming the variable to change. */
export function footer(o: { asOf: string | null; extra?: string; variable: string }): Part {
  const asOf = o.asOf ? `data as of ${o.asOf}${o.extra ? ` · ${o.extra}` : ''}` : (o.extra ?? '');
  const unsubscribe = `You get this email because your address is in ${o.variable}. To stop it, ask whoever runs dealfit to remove your address from ${o.variable}.`;
  return {
    html: `<hr style="border:none;border-top:1px solid #ddd;margin-top:24px"><p style="color:#616061;font-size:13px">${html(asOf)}</p><p style="color:#616061;font-size:12px">${html(unsubscribe)}</p>`,
    text: `--\n${asOf}\n${unsubscribe}`,
  };
}

/** The whole document and the text part from the pieces, in order. */
export function assemble(title: string, parts: Part[]): Part {
  return {
    html: `<!doctype html><html><head><meta charset="utf-8"><title>${html(title)}</title></head><body style="${FONT};max-width:680px"><h1 style="font-size:20px">${html(title)}</h1>${parts.map((p) => p.html).join('\n')}</body></html>`,
    text: `${title}\n${'='.repeat(title.length)}\n\n${parts.map((p) => p.text).join('\n\n')}\n`,
  };
}
