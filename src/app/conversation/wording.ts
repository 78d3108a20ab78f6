/**
 * How figures read in an answer to a question in plain words (Slack mrkdwn, which also
 * reads well as plain text on the command line). Every rate carries its interval and n;
 * a rate with no closed deals is said in words, never as a number.
 */
import { pct, usd } from '../../domain/figure-words.js';
import type { RateFigure } from '../queries/query-results.js';
import type { Filters } from './understood.js';

/** "24.3% (95% CI 20.1–29.0%, n = 412)", or "no closed deals" */
export function rateWords(figure: RateFigure): string {
  if (figure.rate === null || figure.ci === null) return 'no closed deals';
  const [lo, hi] = figure.ci;
  return `${pct(figure.rate)} (95% CI ${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)}%, n = ${count(figure.n)})`;
}

export const count = (n: number): string => n.toLocaleString('en-US');

/** "FinTech · North America · rep_19 · RED · over $40k · older than 60 days" */
export function filterWords(f: Filters): string[] {
  const out: string[] = [];
  for (const key of ['industry', 'region', 'product', 'leadSource', 'rep'] as const) {
    const value = f[key];
    if (value !== undefined) out.push(key === 'leadSource' ? `lead source ${value}` : value);
  }
  if (f.flag) out.push(f.flag);
  if (f.minAmount !== undefined && f.maxAmount !== undefined)
    out.push(`${usd(f.minAmount)}–${usd(f.maxAmount)}`);
  else if (f.minAmount !== undefined) out.push(`over ${usd(f.minAmount)}`);
  else if (f.maxAmount !== undefined) out.push(`under ${usd(f.maxAmount)}`);
  if (f.minAgeDays !== undefined) out.push(`older than ${f.minAgeDays} days`);
  return out;
}

export const between = (p: { from: string; to: string }): string => `${p.from} to ${p.to}`;
