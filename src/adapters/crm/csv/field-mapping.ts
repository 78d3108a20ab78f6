/**
 * Field mapping: how a CRM export's columns and values map onto the canonical deal fields
 * (different customers use different CRM setups). A mapping is a small JSON file,
 * validated with zod so that a typo stops the import with the field that is wrong.
 *
 * ```json
 * {
 *   "columns": { "deal_id": "Record ID", "outcome": "Deal Stage", "sales_cycle_days": null },
 *   "values": { "outcome": { "Closed Won": "won", "Closed Lost": "lost", "*": "open" } },
 *   "dateFormat": "MM/DD/YYYY"
 * }
 * ```
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CANONICAL_FIELDS, type CanonicalField } from '../../../app/ports/ingest-source.js';
import { DATE_FORMATS, type DateFormat } from '../../../domain/date-formats.js';
import { CSV_DEAL_FIELDS } from '../../../domain/deal-fields.js';

/** Columns a file must have; a derived field (the cycle, from the dates) may be absent. */
export const REQUIRED_COLUMNS: readonly CanonicalField[] = CSV_DEAL_FIELDS.filter(
  (f) => f.presence !== 'derived',
).map((f) => f.csv);

/** The wildcard key of a value map: what any value not listed maps to. */
export const ANY_OTHER_VALUE = '*';

const columnName = z.string().trim().min(1, 'expected a column name, got an empty string');

const valueMap = z.record(z.string(), z.string());

const outcomeMap = z.record(
  z.string(),
  z.string().refine((v) => ['won', 'lost', 'open'].includes(v.trim().toLowerCase()), {
    error: (issue) =>
      `an outcome maps to "won", "lost" or "open", not ${JSON.stringify(issue.input)}`,
  }),
);

const mappingSchema = z.strictObject({
  /** canonical field -> the export's column name (null: the export has no such column) */
  columns: z
    .strictObject(
      Object.fromEntries(CANONICAL_FIELDS.map((f) => [f, columnName.nullable().optional()])) as {
        [K in CanonicalField]: z.ZodOptional<z.ZodNullable<typeof columnName>>;
      },
    )
    .default({}),
  /** canonical field -> { export value: canonical value }, compared ignoring case */
  values: z
    .strictObject({
      ...(Object.fromEntries(CANONICAL_FIELDS.map((f) => [f, valueMap.optional()])) as {
        [K in CanonicalField]: z.ZodOptional<typeof valueMap>;
      }),
      outcome: outcomeMap.optional(),
    })
    .default({}),
  dateFormat: z
    .enum(DATE_FORMATS, { error: `expected one of ${DATE_FORMATS.join(', ')}` })
    .default('YYYY-MM-DD'),
  /**
   * HubSpot and Salesforce keep the expected close date in "Close Date" while a deal is
   * open. true: an open deal's close date is dropped; false (default): a close date
   * without an outcome is an error in the row.
   */
  ignoreCloseDateOfOpenDeals: z.boolean().default(false),
});

export type FieldMappingFile = z.input<typeof mappingSchema>;

export interface FieldMapping {
  /** canonical field -> column name in the export, or null when the export has none */
  columns: Record<CanonicalField, string | null>;
  /** canonical field -> lower-cased trimmed export value -> canonical value */
  values: Partial<Record<CanonicalField, Map<string, string>>>;
  dateFormat: DateFormat;
  ignoreCloseDateOfOpenDeals: boolean;
}

/** The mapping file is unreadable or invalid; the message names the file and the field. */
export class MappingError extends Error {
  override name = 'MappingError';
}

/** The identity mapping: the canonical format of deals.csv. */
export function defaultMapping(): FieldMapping {
  return buildMapping(mappingSchema.parse({}));
}

export function parseMapping(json: unknown, label = 'mapping'): FieldMapping {
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `  - ${where}: ${issue.message}`;
    });
    throw new MappingError(`${label} is not a valid field mapping:\n${lines.join('\n')}`);
  }
  return buildMapping(parsed.data);
}

export function loadMappingFile(path: string): FieldMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MappingError(
      code === 'ENOENT'
        ? `mapping file ${path} not found`
        : `mapping file ${path} cannot be read: ${(error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MappingError(`mapping file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseMapping(json, `mapping file ${path}`);
}

function buildMapping(data: z.output<typeof mappingSchema>): FieldMapping {
  const columns = {} as Record<CanonicalField, string | null>;
  const values: FieldMapping['values'] = {};
  for (const field of CANONICAL_FIELDS) {
    const column = data.columns[field];
    columns[field] = column === undefined ? field : column;
    const map = data.values[field];
    if (map) {
      const entries = Object.entries(map).map(([from, to]): [string, string] => {
        const target = field === 'outcome' ? to.trim().toLowerCase() : to;
        return [from.trim().toLowerCase(), field === 'outcome' && target === 'open' ? '' : target];
      });
      values[field] = new Map(entries);
    }
  }
  return {
    columns,
    values,
    dateFormat: data.dateFormat,
    ignoreCloseDateOfOpenDeals: data.ignoreCloseDateOfOpenDeals,
  };
}

/** Where each canonical field is in a file: column index, or -1 when the file has none. */
export type ColumnIndex = Record<CanonicalField, number>;

/**
 * Finds the mapped columns in a header (names compared trimmed and ignoring case). Throws
 * MappingError naming every required column that is missing, or a column that appears twice.
 */
export function resolveColumns(header: string[], mapping: FieldMapping): ColumnIndex {
  const positions = new Map<string, number>();
  const twice = new Set<string>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (key === '') return;
    if (positions.has(key)) twice.add(key);
    else positions.set(key, i);
  });
  const index = {} as ColumnIndex;
  const missing: string[] = [];
  for (const field of CANONICAL_FIELDS) {
    const column = mapping.columns[field];
    const key = column === null ? '' : column.trim().toLowerCase();
    if (twice.has(key)) {
      // an unused duplicate is harmless; a used one is ambiguous
      throw new MappingError(`the header has the column "${column}" (${field}) twice`);
    }
    const at = column === null ? -1 : (positions.get(key) ?? -1);
    index[field] = at;
    if (at === -1 && REQUIRED_COLUMNS.includes(field)) {
      missing.push(column === null || column === field ? field : `${field} (as "${column}")`);
    }
  }
  if (missing.length > 0) {
    const cells = header.map((h) => h.trim());
    const data = cells.find((c) => LOOKS_LIKE_DATA.test(c));
    const plural = missing.length > 1 ? 's' : '';
    const problem = `missing required column${plural} ${missing.join(', ')}`;
    throw new MappingError(
      data !== undefined
        ? `the first line is not a header (it holds data such as "${data}"): ${problem}`
        : `${problem}; the header is: ${truncate(cells.join(', '), 300)}`,
    );
  }
  return index;
}

/** Dates and numbers do not name columns: a first line holding them is a data row. */
const LOOKS_LIKE_DATA = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4}|-?\d+(?:\.\d+)?)$/;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Applies a field's value map (when it has one) to a raw value. */
export function mapValue(map: Map<string, string> | undefined, value: string): string {
  if (!map) return value;
  const key = value.trim().toLowerCase();
  if (key === '') return value; // empty stays empty: an open deal, or a missing value
  return map.get(key) ?? map.get(ANY_OTHER_VALUE) ?? value;
}
