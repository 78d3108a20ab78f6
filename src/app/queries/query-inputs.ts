/**
 * What each query takes, declared once as a zod schema: the registry (registry.ts) serves
 * them to the CLI, Slack, the query thread and the conversational interface, and every query
 * checks its input against its schema, so a bad date or quarter gets the same words
 * wherever it was typed. Each check carries the user-facing message itself (the CLI and
 * Slack show a RangeError's message as it is), which is why these are custom checks and not
 * zod's generic type errors.
 */
import { z } from 'zod';
import { isIsoDate } from '../../domain/dates.js';
import { DIMENSIONS, type Dimension } from '../../domain/deal.js';
import { parseQuarter } from '../../domain/momentum.js';
import { parseMonth } from '../../domain/rep-audit.js';

/** A value that must pass `ok`, refused with `message(value)`. */
export function checked<T>(ok: (value: unknown) => boolean, message: (value: unknown) => string) {
  return z.custom<T>(ok, { error: (issue) => message(issue.input) });
}

const isString = (v: unknown): v is string => typeof v === 'string';

export const asOfDate = checked<string>(
  (v) => isString(v) && isIsoDate(v),
  (v) => `--as-of must be a date YYYY-MM-DD, got "${String(v)}"`,
);

const window = checked<number | 'all'>(
  (v) => v === 'all' || (typeof v === 'number' && Number.isInteger(v) && v > 0),
  (v) => `window must be a whole number of days or "all", got "${String(v)}"`,
);

const dimension = checked<Dimension>(
  (v) => (DIMENSIONS as readonly unknown[]).includes(v),
  (v) => `by must be one of ${DIMENSIONS.join(', ')}, got "${String(v)}"`,
);

const quarter = checked<string>(
  (v) => isString(v) && parseQuarter(v) !== null,
  (v) => `--quarter must look like 2024Q2, got "${String(v)}"`,
);

const month = checked<string>(
  (v) => isString(v) && parseMonth(v) !== null,
  (v) => `--month must look like 2024-06, got "${String(v)}"`,
);

const dealId = checked<string>(isString, (v) => `a deal id is text, got "${String(v)}"`);

// Keys in the order the checks ran before the registry: the first problem is the one shown.
export const winRateInput = z.object({
  window,
  asOf: asOfDate.optional(),
  by: dimension.optional(),
});
export const rsfsInput = z.object({ dealId, asOf: asOfDate.optional() });
export const momentumInput = z.object({
  asOf: asOfDate.optional(),
  quarter: quarter.optional(),
  partial: z.boolean().optional(),
});
export const auditInput = z.object({ asOf: asOfDate.optional(), month: month.optional() });
export const driversInput = z.object({ asOf: asOfDate.optional() });

export type WinRateInput = z.input<typeof winRateInput>;
export type RsfsInput = z.input<typeof rsfsInput>;
export type MomentumInput = z.input<typeof momentumInput>;
export type AuditInput = z.input<typeof auditInput>;
export type DriversInput = z.input<typeof driversInput>;

/**
 * `value` checked against `schema`; the first problem becomes a RangeError with its
 * user-facing message (RangeError is what the CLI maps to a usage error and Slack to a
 * usage reply).
 */
export function parseQueryInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new RangeError(parsed.error.issues[0]?.message ?? 'invalid query input');
}
