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
 * Whether a record must carry a field: 'required' (rejected without a value), 'optional'
 * (the close facts, absent while a deal is open) or 'derived' (computed from other fields
 * when absent, so an export may even lack its column).
 */
export type DealFieldPresence = 'required' | 'optional' | 'derived';

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
  field('industry', 'industry', 'industry', 'category', 'required'),
  field('region', 'region', 'region', 'category', 'required'),
  field('product_type', 'product', 'product', 'category', 'required'),
  field('lead_source', 'leadSource', 'lead_source', 'category', 'required'),
  field('deal_stage', 'stage', 'stage', 'category', 'required'),
  field('deal_amount', 'amount', 'amount', 'amount', 'required'),
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
