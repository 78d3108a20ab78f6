/**
 * How figures read in an answer to a question in plain words (Slack mrkdwn, which also
 * reads well as plain text on the command line). Every rate carries its interval and n;
 * a rate with no closed deals is said in words, never as a number.
 */
import type { RateFigure } from '../queries/query-results.js';
import type { Filters, GroupBy } from './understood.js';

export const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/** "24.3% (95% CI 20.1–29.0%, n = 412)", or "no closed deals" */
export function rateWords(figure: RateFigure): string {
  if (figure.rate === null || figure.ci === null) return 'no closed deals';
  const [lo, hi] = figure.ci;
  return `${percent(figure.rate)} (95% CI ${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)}%, n = ${count(figure.n)})`;
}

/** a change in percentage points, signed: "+2.1pp", "−3.4pp" */
export function points(change: number): string {
  const v = (change * 100).toFixed(1);
  return change < 0 ? `−${v.slice(1)}pp` : `+${v}pp`;
}

export const count = (n: number): string => n.toLocaleString('en-US');

export function dollars(amount: number): string {
  const abs = Math.abs(amount);
  if (abs >= 1_000_000) return `$${(amount / 1_000_000).toFixed(abs >= 10_000_000 ? 1 : 2)}M`;
  if (abs >= 10_000) return `$${Math.round(amount / 1000)}k`;
  return `$${Math.round(amount).toLocaleString('en-US')}`;
}

export const DIMENSION_WORDS: Record<GroupBy, string> = {
  industry: 'industry',
  region: 'region',
  product: 'product',
  leadSource: 'lead source',
  rep: 'rep',
};

/** "FinTech · North America · rep_19 · RED · over $40k · older than 60 days" */
export function filterWords(f: Filters): string[] {
  const out: string[] = [];
  for (const key of ['industry', 'region', 'product', 'leadSource', 'rep'] as const) {
    const value = f[key];
    if (value !== undefined) out.push(key === 'leadSource' ? `lead source ${value}` : value);
  }
  if (f.flag) out.push(f.flag);
  if (f.minAmount !== undefined && f.maxAmount !== undefined)
    out.push(`${dollars(f.minAmount)}–${dollars(f.maxAmount)}`);
  else if (f.minAmount !== undefined) out.push(`over ${dollars(f.minAmount)}`);
  else if (f.maxAmount !== undefined) out.push(`under ${dollars(f.maxAmount)}`);
  if (f.minAgeDays !== undefined) out.push(`older than ${f.minAgeDays} days`);
  return out;
}

export const between = (p: { from: string; to: string }): string => `${p.from} to ${p.to}`;
