/**
 * What the ingestion pipeline (CSV import, CRM sync, webhook) writes and reads in the
 * store. The storage adapter implements it (adapters/storage/ingest-store.ts); every
 * transaction begins and ends inside its methods, so the pipeline decides *when* to commit
 * and the adapter guarantees that a failure never leaves half-written data.
 */
import type { Deal } from '../../domain/deal.js';
import type { DealValues } from '../../domain/deal-fields.js';
import type { RunCounts } from './ingest-source.js';

export interface IngestStore {
  /** A writer for one import or sync (it prepares its statements once, here). */
  openWriter(options?: DealWriterOptions): DealWriter;
  /** The watermark of the last successful sync of `source` (and `target`, when given). */
  lastWatermark(source: string, target?: string): string | undefined;
  /** Ids of the deals a source wrote that are not marked deleted. */
  liveDealIds(source: string): string[];
  /** How a CRM sync stands: its failure streak and the last good "data as of". */
  /** The rep a stored deal belongs to (a new one from the webhook is a re-assignment). */
  storedRepId(dealId: string): string | undefined;
}

export interface DealWriterOptions {
  /**
   * 'eager': every new deal also gets an 'insert' row in deal_history at once.
   * 'lazy' (default): a deal's first version is copied into deal_history, with the run
   * and time it was first imported, just before its first change; until then `deals`
   * holds it. Same history, without doubling the writes of a first import
   * (README "Decisions").
   */
  firstVersion?: 'eager' | 'lazy';
}

export type UpsertResult = 'inserted' | 'updated' | 'unchanged';

export interface QuarantineEntry {
  line: number | null;
  recordId: string | null;
  raw: string;
  reasons: string[];
}

/** A deal's version as stored: its values, and when the CRM deleted it. */
export interface StoredDealVersion extends DealValues {
  deletedAt: string | null;
}

export interface RunOutcome {
  watermark: string | null;
  error: string | null;
  dataAsOf: string | null;
}

/** The writes of one import or sync, with explicit transaction control. */
export interface DealWriter {
  begin(): void;
  commit(): void;
  /** rolls back the open transaction, if any */
  rollback(): void;
  readonly inTransaction: boolean;
  isStoreEmpty(): boolean;
  /**
   * For a bulk load into an empty store: drops the secondary indexes of the deals and
   * returns a function that recreates them. Both run inside the import's transaction.
   */
  suspendIndexes(): () => void;
  /** a sync_runs row in state 'running'; its id */
  createRun(source: string, target: string, startedAt: string): number;
  finishRun(
    runId: number,
    status: 'running' | 'succeeded' | 'failed',
    finishedAt: string | null,
    counts: RunCounts,
    outcome: RunOutcome,
  ): void;
  /** a failed run recorded on its own (the run's own row was rolled back); its id */
  recordFailedRun(
    source: string,
    target: string,
    startedAt: string,
    finishedAt: string,
    error: string,
  ): number;
  /** The stored version of a deal, or undefined. */
  current(id: string): StoredDealVersion | undefined;
  /**
   * Bulk path (a load into an empty store): inserts a new deal and returns its rowid, or
   * null when the id is already stored (a repeat within the same run).
   */
  insertNew(deal: Deal, source: string, runId: number, now: string): number | null;
  rowidOf(id: string): number;
  /** Writes one validated deal: insert, update (with history) or nothing when unchanged. */
  upsert(deal: Deal, source: string, runId: number, now: string): UpsertResult;
  /** Marks a deal deleted by the CRM; false when unknown or already deleted. */
  markDeleted(id: string, runId: number, now: string): boolean;
  quarantine(runId: number, source: string, entry: QuarantineEntry, now: string): void;
  /** metrics.md: a file import's as-of is the newest created/closed date in the store. */
  newestDate(): string | null;
}
