/**
 * Building blocks of the configuration schemas: how an optional environment value is read,
 * and a secret that never prints.
 */
import { inspect } from 'node:util';
import { z } from 'zod';

/** Trimmed; empty counts as not set. */
export const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** An optional value that, when present, must match a pattern (tokens, channel ids). */
export function optionalMatching(pattern: RegExp, message: string) {
  return optionalText.pipe(z.string().regex(pattern, message).optional());
}

/** An optional number; empty counts as not set. */
export function optionalNumber(schema: z.ZodNumber) {
  return optionalText
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(schema.optional());
}

/** Whether the runtime knows `name` as an IANA timezone (Intl throws a RangeError if not). */
/** A comma-separated setting's entries: `A, B,,C` -> [A, B, C] */
export function commaList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

export function isIanaTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A secret that never prints: JSON, template strings and console/inspect show [redacted]. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}
