/**
 * The deal fields, declared once. Everything that lists them (the canonical CSV header,
 * the zod row schema, the webhook's required fields, the SQL column lists and the
 * positional statement values of the store) is derived from DEAL_FIELDS at module load,
 * so adding or renaming a field is one edit here, not ten that must agree.
 */
import type { Deal } from './deal.js';

/** What a field holds; it decides how a field is parsed, written and stored. */
export type DealFieldKind = 'id' | 'date' | 'text' | 'category' | 'amount' | 'int' | 'outcome';

export interface DealFieldSpec {
  /**
   * The name in the canonical CSV (the header of ../shared/data/deals.csv), the webhook's
   * JSON body and the field mappings; null for a field no export carries.
   */
  readonly csv: string | null;
  /** the Deal property */
  readonly property: keyof Deal;
  /** the column of `deals` and `deal_history` */
  readonly column: string;
  readonly kind: DealFieldKind;
  /** a record without a value is rejected */
  readonly required: boolean;
  /** computed from other fields when absent, so an export may lack its column */
  readonly derived?: boolean;
}

/** In the order of the canonical CSV header and of the SQL column lists. */
export const DEAL_FIELDS = [
  { csv: 'deal_id', property: 'id', column: 'id', kind: 'id', required: true },
  {
    csv: 'created_date',
    property: 'createdDate',
    column: 'created_date',
    kind: 'date',
    required: true,
  },
  {
    csv: 'closed_date',
    property: 'closedDate',
    column: 'closed_date',
    kind: 'date',
    required: false,
  },
  // known only from a CRM (re-assignment) or the webhook, never a CSV column
  { csv: null, property: 'assignedDate', column: 'assigned_date', kind: 'date', required: false },
  { csv: 'sales_rep_id', property: 'repId', column: 'rep_id', kind: 'text', required: true },
  { csv: 'industry', property: 'industry', column: 'industry', kind: 'category', required: true },
  { csv: 'region', property: 'region', column: 'region', kind: 'category', required: true },
  { csv: 'product_type', property: 'product', column: 'product', kind: 'category', required: true },
  {
    csv: 'lead_source',
    property: 'leadSource',
    column: 'lead_source',
    kind: 'category',
    required: true,
  },
  { csv: 'deal_stage', property: 'stage', column: 'stage', kind: 'category', required: true },
  { csv: 'deal_amount', property: 'amount', column: 'amount', kind: 'amount', required: true },
  {
    csv: 'sales_cycle_days',
    property: 'cycleDays',
    column: 'cycle_days',
    kind: 'int',
    required: false,
    derived: true,
  },
  { csv: 'outcome', property: 'outcome', column: 'outcome', kind: 'outcome', required: false },
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

/** The canonical field names: the header of ../shared/data/deals.csv. */
export const CANONICAL_FIELDS: readonly CanonicalField[] = CSV_DEAL_FIELDS.map((f) => f.csv);

/** The canonical CSV header line. */
export const CANONICAL_HEADER = CANONICAL_FIELDS.join(',');

/** The fields a record must have a value for (the close facts are absent while open). */
export const REQUIRED_FIELDS: readonly CanonicalField[] = CSV_DEAL_FIELDS.filter(
  (f) => f.required,
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
