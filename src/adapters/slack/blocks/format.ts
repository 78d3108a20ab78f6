/**
 * Shared text formatting for every Block Kit builder: percentages with one decimal
 * (metrics.md), intervals, "data as of", low-sample marks, and escaping of CRM text so a
 * rep id or an industry name can never turn into a mention or a link.
 */
export {
  ciText,
  DIMENSION_LABELS,
  pct,
  pp,
  rateText,
  usd,
} from '../../../domain/figure-words.js';

import type { Block, ContextBlock, HeaderBlock, SectionBlock } from './types.js';

/** Slack's documented per-field limits we stay inside (see test/helpers/slack-limits.ts). */
export const LIMITS = {
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  fieldText: 2000,
  contextText: 2000,
  optionText: 75,
  fallbackText: 3000,
  blocks: 50,
} as const;

/** Escapes Slack's control characters in mrkdwn (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to `max` characters on a line boundary where possible, saying what was cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = '\n…(truncated)';
  const room = max - note.length;
  const cut = text.lastIndexOf('\n', room);
  return `${text.slice(0, cut > room / 2 ? cut : room)}${note}`;
}

/** One line, at most `max` characters, with an ellipsis (for names in tables and buttons). */
export function short(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export function windowText(window: number | 'all'): string {
  return window === 'all' ? 'all closed deals' : `rolling ${window} days`;
}

export const LOW_SAMPLE_NOTE = '_low sample (n < 30): shown for context, never drives an alert_';

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: short(text, LIMITS.headerText) } };
}

export function section(markdown: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(markdown, LIMITS.sectionText) } };
}

export function context(...markdown: string[]): ContextBlock {
  return {
    type: 'context',
    elements: markdown
      .slice(0, 10)
      .map((text) => ({ type: 'mrkdwn' as const, text: clip(text, LIMITS.contextText) })),
  };
}

export function divider(): Block {
  return { type: 'divider' };
}

/** The footer every message carries (metrics.md "Data as of"). */
export function asOfContext(asOf: string, extra?: string): ContextBlock {
  return context(`data as of *${asOf}*${extra ? ` · ${extra}` : ''}`);
}

/** Fallback text for notifications and screen readers, within Slack's limit. */
export function fallback(text: string): string {
  return short(text, LIMITS.fallbackText);
}
