/**
 * The ingestion contract shared by every source (CSV files, Salesforce) and the pipeline
 * in ingest.ts. Lives apart from ingest.ts so that adapters can depend on these types
 * without importing the pipeline (and the store) itself.
 */

import { type BlankCounts, type CanonicalField, noBlanks } from '../../domain/deal-fields.js';

export { CANONICAL_FIELDS, type CanonicalField } from '../../domain/deal-fields.js';

export interface SourceRecord {
  /** canonical field -> raw text ('' or missing = empty); validated by the pipeline with zod */
  fields: Partial<Record<CanonicalField, string>>;
  /** CSV: 1-based line where the record starts; CRM: undefined */
  line?: number;
  /** CRM record id (e.g. Salesforce Opportunity Id) for quarantine rows */
  recordId?: string;
  /** the original text/JSON of the record, kept in quarantine */
  raw: string;
  /** reasons the source already rejected it for (e.g. unmapped picklist value) */
  rejected?: string[];
  /** optional re-assignment date (YYYY-MM-DD) when the CRM knows it */
  assignedDate?: string;
}

export interface SourceBatch {
  records: SourceRecord[];
  /** deal ids the CRM deleted: mark deals.deleted_at, append a 'delete' history row */
  deletedIds?: string[];
  /** the source's position after this batch (stored in sync_runs.watermark on commit) */
  watermark?: string;
}

/**
 * A CRM the sync reads from (Salesforce today): its batches since a watermark, and what
 * reading them cost. The adapter builds it from the config (adapters/crm/salesforce).
 */
export interface CrmSource {
  /** the org name, for sync_runs.target */
  target: string;
  read(options: { watermark?: string }): AsyncIterable<SourceBatch>;
  /** requests made, retries, re-authentications, last API usage */
  stats(): CrmApiStats;
}

export interface CrmApiStats {
  requests: number;
  retries: number;
  reauths: number;
  apiUsage?: string;
}

export interface IngestOptions {
  /**
   * sync_runs.source, and `source` on the deals it writes ('csv:<basename>', 'salesforce',
   * 'webhook'). The webhook is its own source so that a failing webhook request never
   * counts toward the Salesforce sync's failure streak, and a full sync's "vanished from
   * Salesforce" check never marks a deal deleted that only the webhook ever sent.
   */
  source: 'csv' | 'salesforce' | 'webhook';
  /** file path, org name or endpoint, for sync_runs.target */
  target: string;
  batches: AsyncIterable<SourceBatch>;
  /** data as of; default: newest created/closed date in the store after the run (CSV),
   *  or the date of the sync's start (CRM) */
  asOf?: string;
  now: () => Date;
  dryRun?: boolean;
  onProgress?: (p: { rows: number }) => void;
}

/** What one import or sync did, row by row (sync_runs' counts). */
export interface RunCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  quarantined: number;
  /**
   * CRM hygiene (metrics.md "Missing values"): per blankable field, how many of the deals
   * this run accepted have it blank (each deal once, however often it repeats)
   */
  blanks: BlankCounts;
}

export const noCounts = (): RunCounts => ({
  rows: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  quarantined: 0,
  blanks: noBlanks(),
});

/** A copy of counts that shares nothing with it (the blanks object included). */
export const copyCounts = (c: RunCounts): RunCounts => ({ ...c, blanks: { ...c.blanks } });

export interface IngestSummary extends RunCounts {
  syncRunId: number;
  dataAsOf: string | null;
  watermark: string | null;
  status: 'succeeded' | 'failed';
  error?: string;
}
