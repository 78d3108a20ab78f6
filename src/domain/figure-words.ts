/**
 * How a figure is written wherever dealfit shows one (Slack blocks, answers to questions,
 * the CLI, email): percentages with one decimal (metrics.md), signed percentage points, dollars,
 * and the words for each dimension. One place, so a rate reads the same everywhere.
 */
import type { Dimension } from './deal.js';
import type { RateFigure } from './stats.js';

export function pct(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

/** A signed percentage-point difference, e.g. "−1.2pp" / "+0.4pp". */
export function pp(diff: number): string {
  const value = (diff * 100).toFixed(1);
  if (value === '0.0' || value === '-0.0') return '±0.0pp';
  return diff > 0 ? `+${value}pp` : `−${value.slice(1)}pp`;
}

export function ciText(ci: [number, number] | null): string {
  return ci === null ? '' : `95% CI ${pct(ci[0])}–${pct(ci[1])}`;
}

/** "41.2% (n = 412, 95% CI 36.5–46.0%)" */
export function rateText(figure: RateFigure): string {
  if (figure.rate === null || figure.n === 0) return 'no closed deals (n = 0)';
  return `${pct(figure.rate)} (n = ${figure.n}, ${ciText(figure.ci)})`;
}

/** Dollars; a blank amount (null, or NaN from a DealTable) reads "amount not set". */
export function usd(amount: number | null): string {
  if (amount === null || Number.isNaN(amount)) return AMOUNT_NOT_SET;
  const abs = Math.abs(amount);
  if (abs >= 1_000_000) return `$${(amount / 1_000_000).toFixed(1)}M`;
  if (abs >= 10_000) return `$${Math.round(amount / 1000)}K`;
  return `$${Math.round(amount).toLocaleString('en-US')}`;
}

/** How a blank deal amount reads (metrics.md "Missing values"). */
export const AMOUNT_NOT_SET = 'amount not set';

/** ", 3 without an amount" beside a sum or mean of amounts that left deals out; else "". */
export function withoutAmount(count: number): string {
  return count > 0 ? ` (${count} without an amount, left out)` : '';
}

export const DIMENSION_LABELS: Record<Dimension, string> = {
  industry: 'industry',
  region: 'region',
  product: 'product',
  leadSource: 'lead source',
  rep: 'rep',
};
