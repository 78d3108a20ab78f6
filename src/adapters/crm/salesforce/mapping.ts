/**
 * The Salesforce mapping file: which Opportunity field (standard, custom `__c` or related
 * such as `Account.Industry`) feeds which canonical field, how picklist values and owners
 * translate, and how a record becomes a SourceRecord (or a rejected one, with reasons a
 * Salesforce admin can act on).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CanonicalField, SourceRecord } from '../../../app/ports/ingest-source.js';
import { daysBetween, isIsoDate } from '../../../domain/dates.js';

/** `Amount`, `Region__c`, `Account.Industry`, `Owner.Manager.Email` (at most 5 levels). */
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*){0,4}$/;
const sfField = z
  .string()
  .regex(FIELD_PATH, 'a Salesforce field such as Amount, Region__c or Account.Industry');

/** Canonical fields whose Salesforce values can be translated with a value map. */
export const MAPPABLE_VALUES = [
  'industry',
  'region',
  'product_type',
  'lead_source',
  'deal_stage',
] as const;
type MappableField = (typeof MAPPABLE_VALUES)[number];

export const mappingSchema = z
  .object({
    /** extra SOQL condition ANDed to every query, e.g. "Type = 'New Business'" */
    filter: z.string().trim().min(1).optional(),
    fields: z
      .object({
        deal_id: sfField.default('Id'),
        created_date: sfField.default('CreatedDate'),
        closed_date: sfField.default('CloseDate'),
        sales_rep_id: sfField.default('Owner.Email'),
        industry: sfField.default('Account.Industry'),
        region: sfField,
        product_type: sfField,
        lead_source: sfField.default('LeadSource'),
        deal_stage: sfField.default('StageName'),
        deal_amount: sfField.default('Amount'),
        /** optional: when the current owner got the deal (re-assignment) */
        assigned_date: sfField.optional(),
      })
      .strict(),
    outcome: z
      .object({ closed: sfField.default('IsClosed'), won: sfField.default('IsWon') })
      .strict()
      .prefault({}),
    /** per canonical field: Salesforce value -> canonical value; "*" catches the rest */
    values: z.partialRecord(z.enum(MAPPABLE_VALUES), z.record(z.string(), z.string())).prefault({}),
    /** value of the sales_rep_id field (e.g. the owner's email) -> rep id */
    owners: z.record(z.string(), z.string().trim().min(1)).optional(),
  })
  .strict();

export type SalesforceMapping = z.infer<typeof mappingSchema>;

export class MappingFileError extends Error {
  override name = 'MappingFileError';
}

export function parseMapping(json: unknown, source = 'mapping'): SalesforceMapping {
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  - ${i.path.join('.') || '(top)'}: ${i.message}`,
    );
    throw new MappingFileError(`invalid Salesforce mapping ${source}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadMapping(path: string): SalesforceMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MappingFileError(
      `cannot read the Salesforce mapping file ${path}: ${(error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MappingFileError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseMapping(json, path);
}

/** Every field the query must select, without duplicates, in a stable order. */
export function selectedFields(mapping: SalesforceMapping): string[] {
  const { assigned_date, ...fields } = mapping.fields;
  const list = [
    'Id',
    'IsDeleted',
    'SystemModstamp',
    mapping.outcome.closed,
    mapping.outcome.won,
    ...Object.values(fields),
    ...(assigned_date ? [assigned_date] : []),
  ];
  return [...new Set(list)];
}

export type SfRecord = Record<string, unknown>;

/** Reads `Account.Industry` from a record with nested relationship objects (null-safe). */
export function readPath(record: SfRecord, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object') return null;
    value = (value as SfRecord)[part];
  }
  return value ?? null;
}

/** `2024-03-01` stays; a datetime `2024-03-01T23:10:00.000+0000` becomes its UTC date. */
export function toDate(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  if (isIsoDate(value)) return value;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? value : new Date(ms).toISOString().slice(0, 10);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/** The record without its `attributes` noise, for the quarantine table. */
function rawOf(record: SfRecord): string {
  return JSON.stringify(record, (key, v) => (key === 'attributes' ? undefined : v));
}

/**
 * One Opportunity -> SourceRecord. Rejections (reasons in `rejected`) are the ones only the
 * mapping can know about; type and date checks stay with the ingestion pipeline's zod.
 */
export function toSourceRecord(record: SfRecord, mapping: SalesforceMapping): SourceRecord {
  const f = mapping.fields;
  const rejected: string[] = [];
  const closed = readPath(record, mapping.outcome.closed) === true;
  const won = readPath(record, mapping.outcome.won) === true;
  const createdDate = toDate(readPath(record, f.created_date));
  const closedDate = closed ? toDate(readPath(record, f.closed_date)) : '';

  const owner = text(readPath(record, f.sales_rep_id)).trim();
  let repId = owner;
  if (owner === '') {
    rejected.push(`missing owner: ${f.sales_rep_id} is empty`);
  } else if (mapping.owners) {
    repId = mapping.owners[owner] ?? '';
    if (repId === '') rejected.push(`owner "${owner}" has no rep id in the mapping's "owners"`);
  }

  const amountValue = readPath(record, f.deal_amount);
  if (typeof amountValue === 'number' && amountValue < 0) {
    rejected.push(`negative amount ${amountValue} in ${f.deal_amount}`);
  }

  const fields: Partial<Record<CanonicalField, string>> = {
    deal_id: text(readPath(record, f.deal_id)),
    created_date: createdDate,
    closed_date: closedDate,
    sales_rep_id: repId,
    deal_amount: text(amountValue),
    sales_cycle_days:
      closed && isIsoDate(createdDate) && isIsoDate(closedDate)
        ? String(daysBetween(createdDate, closedDate))
        : '',
    outcome: closed ? (won ? 'Won' : 'Lost') : '',
  };
  for (const field of MAPPABLE_VALUES) {
    const value = text(readPath(record, f[field]));
    fields[field] = translate(field, value, mapping, rejected);
  }

  const sourceRecord: SourceRecord = { fields, raw: rawOf(record) };
  const id = readPath(record, 'Id');
  if (typeof id === 'string') sourceRecord.recordId = id;
  if (f.assigned_date) {
    const assigned = toDate(readPath(record, f.assigned_date));
    if (assigned !== '') sourceRecord.assignedDate = assigned;
  }
  if (rejected.length > 0) sourceRecord.rejected = rejected;
  return sourceRecord;
}

function translate(
  field: MappableField,
  value: string,
  mapping: SalesforceMapping,
  rejected: string[],
): string {
  const map = mapping.values[field];
  if (!map || value === '') return value;
  const mapped = map[value] ?? map['*'];
  if (mapped === undefined) {
    rejected.push(
      `unmapped ${field} value "${value}" (${mapping.fields[field]}): add it to values.${field} in the mapping file`,
    );
    return value;
  }
  return mapped;
}
