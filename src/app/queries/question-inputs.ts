/**
 * What the queries behind questions in plain words take (question-queries.ts). The
 * conversation has already read the question into stored values and inclusive dates
 * (app/conversation/understood.ts); these schemas check the same shapes at the registry's
 * door, so the CLI, Slack and the query thread cannot hand a query a malformed period.
 */
import { z } from 'zod';
import { isIsoDate } from '../../domain/dates.js';
import { DIMENSIONS } from '../../domain/deal.js';
import { asOfDate, checked } from './query-inputs.js';

const day = checked<string>(
  (v) => typeof v === 'string' && isIsoDate(v),
  (v) => `a date must be YYYY-MM-DD, got "${String(v)}"`,
);

/** a period; `what` names it when it is missing */
const period = (what: string) =>
  z
    .object(
      { from: day, to: day },
      { error: (issue) => (issue.input === undefined ? `${what} is needed` : undefined) },
    )
    .refine((p) => p.from <= p.to, { error: 'a period must not end before it starts' });
export const periodInput = period('a period');

const amount = checked<number>(
  (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  (v) => `an amount is a number of dollars ≥ 0, got "${String(v)}"`,
);
const flag = checked<'RED' | 'YELLOW' | 'GREEN'>(
  (v) => v === 'RED' || v === 'YELLOW' || v === 'GREEN',
  (v) => `a flag is RED, YELLOW or GREEN, got "${String(v)}"`,
);
const days = checked<number>(
  (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
  (v) => `an age is a whole number of days ≥ 0, got "${String(v)}"`,
);

export const filtersInput = z.object({
  industry: z.string().optional(),
  region: z.string().optional(),
  product: z.string().optional(),
  leadSource: z.string().optional(),
  rep: z.string().optional(),
  flag: flag.optional(),
  minAmount: amount.optional(),
  maxAmount: amount.optional(),
  minAgeDays: days.optional(),
});

const groupBy = z.enum(DIMENSIONS);

export const askWinRateInput = z.object({
  asOf: asOfDate.optional(),
  filters: filtersInput,
  period: periodInput,
  compareTo: periodInput.optional(),
  groupBy: groupBy.optional(),
});
export const askWhyInput = z.object({
  asOf: asOfDate.optional(),
  filters: filtersInput,
  period: periodInput,
  compareTo: period('a comparison period (compareTo)'),
});
export const askDealsInput = z.object({
  asOf: asOfDate.optional(),
  filters: filtersInput,
  limit: z.number().int().min(1).max(50).optional(),
});
export const askRepInput = z.object({
  asOf: asOfDate.optional(),
  repId: checked<string>(
    (v) => typeof v === 'string' && v !== '',
    () => 'a rep id (repId) is needed',
  ),
  filters: filtersInput,
  period: periodInput,
});
export const askPipelineInput = z.object({
  asOf: asOfDate.optional(),
  filters: filtersInput,
});
export const vocabularyInput = z.object({ asOf: asOfDate.optional() });

export type FiltersInput = z.input<typeof filtersInput>;
export type AskWinRateInput = z.input<typeof askWinRateInput>;
export type AskWhyInput = z.input<typeof askWhyInput>;
export type AskDealsInput = z.input<typeof askDealsInput>;
export type AskRepInput = z.input<typeof askRepInput>;
export type AskPipelineInput = z.input<typeof askPipelineInput>;
export type VocabularyInput = z.input<typeof vocabularyInput>;
