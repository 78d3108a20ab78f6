/**
 * The JSON body of POST /hooks/deals: one object with the canonical deal fields (strings or
 * numbers). `deal_id`, `created_date` and `sales_rep_id` are required (REQUIRED_FIELDS of
 * domain/deal-fields.ts); a blank or absent descriptive field or amount is kept as not set
 * (metrics.md "Missing values"), and the close facts are absent while a deal is open.
 */
import type { CanonicalField } from '../../app/ports/ingest-source.js';
import { CANONICAL_FIELDS, REQUIRED_FIELDS } from '../../domain/deal-fields.js';

const KNOWN: ReadonlySet<string> = new Set(CANONICAL_FIELDS);

/** The body as canonical text fields, or the problems with it. */
export function parseWebhookBody(
  rawBody: string,
): { ok: true; fields: Partial<Record<CanonicalField, string>> } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (error) {
    return { ok: false, errors: [`body is not JSON: ${(error as Error).message}`] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: ['body must be one JSON object with the canonical deal fields'] };
  }
  const body = json as Record<string, unknown>;
  const errors: string[] = [];
  const unknown = Object.keys(body).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) {
    errors.push(
      `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (expected ${CANONICAL_FIELDS.join(', ')})`,
    );
  }
  const fields: Partial<Record<CanonicalField, string>> = {};
  for (const name of CANONICAL_FIELDS) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' && typeof value !== 'number') {
      errors.push(
        `${name}: must be a string or a number, got ${Array.isArray(value) ? 'an array' : typeof value}`,
      );
      continue;
    }
    fields[name] = String(value);
  }
  for (const name of REQUIRED_FIELDS) {
    if ((fields[name] ?? '').trim() === '') errors.push(`${name}: required`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, fields };
}
