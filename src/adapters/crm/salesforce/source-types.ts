/**
 * The ingestion contract's source shapes (docs: contracts.md, owned by src/app/ingest.ts).
 * Mirrored here, structurally identical, so this adapter can be built and tested before the
 * ingestion pipeline lands; TypeScript's structural typing makes the two interchangeable.
 */
export const CANONICAL_FIELDS = [
  'deal_id',
  'created_date',
  'closed_date',
  'sales_rep_id',
  'industry',
  'region',
  'product_type',
  'lead_source',
  'deal_stage',
  'deal_amount',
  'sales_cycle_days',
  'outcome',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

export interface SourceRecord {
  fields: Partial<Record<CanonicalField, string>>;
  line?: number;
  recordId?: string;
  raw: string;
  rejected?: string[];
  assignedDate?: string;
}

export interface SourceBatch {
  records: SourceRecord[];
  deletedIds?: string[];
  watermark?: string;
}
