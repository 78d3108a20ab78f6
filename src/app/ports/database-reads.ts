/**
 * The reads about the database itself rather than about sales: GET /healthz and /readyz,
 * App Home's pipeline, `dealfit status`, `dealfit quarantine`, `dealfit hygiene` and the
 * doctor's probe of the open store. Each store kind answers them (`Store.database`), so the
 * app and the CLI serve SQLite and PostgreSQL alike.
 */
import type { BlankableField, BlankCounts, HygieneSummary } from '../../domain/deal-fields.js';
import type { MigrationsRead } from '../../domain/migration-state.js';
import type { SyncHealth } from '../../domain/sync-health.js';
import type { RunCounts } from './ingest-source.js';
import type { PipelineHealth } from './pipeline-health.js';
import type { DatabaseProbe } from './setup-probes.js';

export type { MigrationsRead };

/** The newest import or sync, as GET /healthz names it. */
export interface LastSync {
  id: number;
  source: string;
  status: string;
  startedAt: string;
}

/** A sync_runs row, its blank counts parsed (null for a run from before they were counted). */
export interface SyncRun extends Omit<RunCounts, 'blanks'> {
  id: number;
  /** 'csv' | 'salesforce' | 'webhook' */
  source: string;
  /** file path or org */
  target: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'failed';
  blanks: BlankCounts | null;
  watermark: string | null;
  error: string | null;
  dataAsOf: string | null;
}

export interface EmailStatus {
  sent: number;
  failed: number;
  /** the newest send that failed and was not sent since */
  lastFailure: { kind: string; slot: string; recipient: string; error: string; at: string } | null;
}

export interface WebhookStatus {
  deliveries: number;
  failed: number;
  lastAt: string;
  /** the newest failure's reason, when the newest delivery failed */
  lastError: string | null;
}

export interface StoreStatus {
  deals: { total: number; open: number; closed: number; deleted: number };
  dataAsOf: string | null;
  /** the latest imports and CRM syncs (webhook deliveries are summed up in `webhook`) */
  lastSyncs: SyncRun[];
  /** POST /hooks/deals deliveries: null when there has been none */
  webhook: WebhookStatus | null;
  quarantined: number;
  /** CRM syncs that failed 3 or more times in a row (the ops signal) */
  failingSyncs: SyncHealth[];
  /** CRM hygiene: live deals with a blank field, per field (metrics.md "Missing values") */
  hygiene: HygieneSummary;
  /** the emails sent or tried (sent_emails): null when there has been none */
  emails: EmailStatus | null;
}

export interface QuarantinedRow {
  syncRunId: number;
  line: number | null;
  recordId: string | null;
  reasons: string[];
  raw: string;
}

export interface QuarantineListing {
  /** null when no run has quarantined rows (or the run asked for does not exist) */
  run: { id: number; source: string; target: string | null; startedAt: string } | null;
  total: number;
  rows: QuarantinedRow[];
}

export interface BlankFieldListing {
  field: BlankableField;
  /** live deals with the field blank */
  total: number;
  /** their ids, in id order, at most `limit` */
  dealIds: string[];
}

export interface HygieneListing extends HygieneSummary {
  limit: number;
  fields: BlankFieldListing[];
}

export interface DatabaseReads {
  /** a cheap liveness probe */
  ping(): Promise<{ ok: boolean; error?: string }>;
  migrations(): Promise<MigrationsRead>;
  /** the newest import or sync (webhook deliveries aside) and the data's as-of */
  lastSync(): Promise<{ dataAsOf: string | null; last: LastSync | null }>;
  /** App Home's pipeline: flags of the latest scores, old RED deals, hygiene */
  pipelineHealth(): Promise<PipelineHealth>;
  /** the doctor's probe of this open store */
  probe(): DatabaseProbe;
  /** `dealfit status`: deal counts, recent runs, quarantine, hygiene, webhook, emails */
  status(recentRuns?: number): Promise<StoreStatus>;
  /** the quarantined rows of a run (default: the latest with any), `dealfit quarantine` */
  quarantine(options: { runId?: number; limit: number }): Promise<QuarantineListing>;
  /** `dealfit hygiene`: the live deals with each field blank, ids capped at `limit` */
  blankDeals(limit: number): Promise<HygieneListing>;
}
