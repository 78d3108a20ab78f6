/**
 * The deal fields, declared once. Everything that lists them (the canonical CSV header,
 * the zod row schema, the webhook's required fields, the SQL column lists and the
 * positional statement values of the store) is derived from DEAL_FIELDS at module load,
 * so adding or renaming a field is one edit here, not ten that must agree.
 */
import type { Deal } from './deal.js';

/** What a field holds; it decides how a field is parsed, written and stored. */
export type DealFieldKind = 'id' | 'date' | 'text' | 'category' | 'amount' | 'int' | 'outcome';

/**
 * Whether a record must carry a field: 'required' (rejected without a value), 'blankable'
 * (a descriptive field or the amount a CRM export often leaves blank: stored as null and
 * counted for CRM hygiene, metrics.md "Missing values"), 'optional' (the close facts,
 * absent while a deal is open) or 'derived' (computed from other fields when absent, so
 * an export may even lack its column).
 */
export type DealFieldPresence = 'required' | 'blankable' | 'optional' | 'derived';

export interface DealFieldSpec {
  /**
   * The name in the canonical CSV (README "Data format"), the webhook's
   * JSON body and the field mappings; null for a field no export carries.
   */
  readonly csv: string | null;
  /** the Deal property */
  readonly property: keyof Deal;
  /** the column of `deals` and `deal_history` */
  readonly column: string;
  readonly kind: DealFieldKind;
  readonly presence: DealFieldPresence;
}

/** One row of the table below (a function, so that the table reads as one line a field). */
function field<
  const Csv extends string | null,
  const Property extends keyof Deal,
  const Kind extends DealFieldKind,
  const Presence extends DealFieldPresence,
>(csv: Csv, property: Property, column: string, kind: Kind, presence: Presence) {
  return { csv, property, column, kind, presence };
}

/** In the order of the canonical CSV header and of the SQL column lists. */
export const DEAL_FIELDS = [
  //    csv name, Deal property, SQL column, kind, presence
  field('deal_id', 'id', 'id', 'id', 'required'),
  field('created_date', 'createdDate', 'created_date', 'date', 'required'),
  field('closed_date', 'closedDate', 'closed_date', 'date', 'optional'),
  // known only from a CRM (re-assignment) or the webhook, never a CSV column
  field(null, 'assignedDate', 'assigned_date', 'date', 'optional'),
  field('sales_rep_id', 'repId', 'rep_id', 'text', 'required'),
  field('industry', 'industry', 'industry', 'category', 'blankable'),
  field('region', 'region', 'region', 'category', 'blankable'),
  field('product_type', 'product', 'product', 'category', 'blankable'),
  field('lead_source', 'leadSource', 'lead_source', 'category', 'blankable'),
  field('deal_stage', 'stage', 'stage', 'category', 'blankable'),
  field('deal_amount', 'amount', 'amount', 'amount', 'blankable'),
  field('sales_cycle_days', 'cycleDays', 'cycle_days', 'int', 'derived'),
  field('outcome', 'outcome', 'outcome', 'outcome', 'optional'),
] as const satisfies readonly DealFieldSpec[];

export type DealField = (typeof DEAL_FIELDS)[number];

/** A field of the canonical CSV, named as in its header. */
export type CanonicalField = Extract<DealField['csv'], string>;

/** A field of the canonical CSV, with its name. */
export type CsvDealField = DealField & { readonly csv: CanonicalField };

/** The fields of the canonical CSV, in the order of its header. */
export const CSV_DEAL_FIELDS: readonly CsvDealField[] = DEAL_FIELDS.filter(
  (f): f is CsvDealField => f.csv !== null,
);

/** The canonical field names, in the order of the canonical CSV header. */
export const CANONICAL_FIELDS: readonly CanonicalField[] = CSV_DEAL_FIELDS.map((f) => f.csv);

/** The canonical CSV header line. */
export const CANONICAL_HEADER = CANONICAL_FIELDS.join(',');

/** The fields a record must have a value for (the close facts are absent while open). */
export const REQUIRED_FIELDS: readonly CanonicalField[] = CSV_DEAL_FIELDS.filter(
  (f) => f.presence === 'required',
).map((f) => f.csv);

/** A field that may be blank (stored as null), named as in the CSV header. */
export type BlankableField = Extract<DealField, { readonly presence: 'blankable' }>['csv'];

type BlankableDealField = Extract<DealField, { readonly presence: 'blankable' }>;

/** The fields that may be blank, in the order of the CSV header. */
export const BLANKABLE_FIELDS: readonly BlankableDealField[] = DEAL_FIELDS.filter(
  (f): f is BlankableDealField => f.presence === 'blankable',
);

/** The blankable fields' CSV names, in header order. */
export const BLANKABLE_FIELD_NAMES: readonly BlankableField[] = BLANKABLE_FIELDS.map((f) => f.csv);

/** Per blankable field, how many deals have it blank (CRM hygiene). */
export type BlankCounts = Record<BlankableField, number>;

export function noBlanks(): BlankCounts {
  return Object.fromEntries(BLANKABLE_FIELD_NAMES.map((f) => [f, 0])) as BlankCounts;
}

/** Adds one deal's blank fields to `counts`. */
export function countBlanks(deal: DealValues, counts: BlankCounts): void {
  for (const f of BLANKABLE_FIELDS) if (deal[f.property] === null) counts[f.csv]++;
}

/** The sum of a BlankCounts (blank values, not deals: one deal may lack two fields). */
export function totalBlanks(counts: BlankCounts): number {
  let n = 0;
  for (const f of BLANKABLE_FIELD_NAMES) n += counts[f];
  return n;
}

/** CRM hygiene of the live deals: how many have a blank field, and per field. */
export interface HygieneSummary {
  /** live (not deleted) deals */
  deals: number;
  /** live deals with at least one blank field */
  withBlanks: number;
  blanks: BlankCounts;
}

/** "industry 12, deal_amount 3": the fields with blanks, in header order. */
export function blankFieldsText(counts: BlankCounts): string {
  return BLANKABLE_FIELD_NAMES.filter((f) => counts[f] > 0)
    .map((f) => `${f} ${counts[f]}`)
    .join(', ');
}

/** A run's blank counts in its summary: "blank fields: industry 3, deal_amount 1" (or none). */
export function runBlanksText(counts: BlankCounts): string {
  const text = blankFieldsText(counts);
  return text === '' ? 'blank fields: none' : `blank fields: ${text} (listed by dealfit hygiene)`;
}

/** The one line App Home, the digest and `status` show for CRM hygiene. */
export function hygieneLine(h: HygieneSummary): string {
  if (h.withBlanks === 0) return 'CRM hygiene: no deal has a blank field';
  const deals = `${h.withBlanks} deal${h.withBlanks === 1 ? '' : 's'}`;
  return `CRM hygiene: ${deals} of ${h.deals} ${h.withBlanks === 1 ? 'has' : 'have'} a blank field (${blankFieldsText(h.blanks)})`;
}

/** The name a field goes by in messages: its CSV name, else its column. */
export function fieldLabel(field: DealFieldSpec): string {
  return field.csv ?? field.column;
}

/** The fields of a deal's stored version besides its id, in the SQL column order. */
export const DEAL_VALUE_FIELDS: readonly DealField[] = DEAL_FIELDS.filter((f) => f.kind !== 'id');

/** A deal's values without its id, as a stored version holds them. */
export type DealValues = Omit<Deal, 'id'>;

/** True when every value of the two versions is the same. */
export function sameDealValues(a: DealValues, b: DealValues): boolean {
  return DEAL_VALUE_FIELDS.every(
    (f) => a[f.property as keyof DealValues] === b[f.property as keyof DealValues],
  );
}

/** Human list of what differs, e.g. `deal_amount 4253 → 5000`, for duplicate reasons. */
export function describeDifferences(before: DealValues, after: DealValues): string[] {
  const out: string[] = [];
  for (const f of DEAL_VALUE_FIELDS) {
    const key = f.property as keyof DealValues;
    const was = before[key] ?? '(empty)';
    const now = after[key] ?? '(empty)';
    if (was !== now) out.push(`${fieldLabel(f)} ${was} → ${now}`);
  }
  return out;
}
