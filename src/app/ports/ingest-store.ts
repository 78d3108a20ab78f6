/**
 * What the ingestion pipeline (CSV import, CRM sync, webhook) writes and reads in the
 * store. The storage adapter implements it (adapters/storage/ingest-store.ts); the
 * pipeline decides *when* to commit (DealWriter.begin/commit) and the adapter guarantees
 * that a failure never leaves half-written data.
 */
import type { Deal } from '../../domain/deal.js';
import type { DealValues } from '../../domain/deal-fields.js';
import type { RunCounts } from './ingest-source.js';

export interface IngestStore {
  /** A writer for one import or sync (it prepares its statements once, here). */
  openWriter(options?: DealWriterOptions): Promise<DealWriter>;
  /** The watermark of the last successful sync of `source` (and `target`, when given). */
  lastWatermark(source: string, target?: string): Promise<string | undefined>;
  /** Ids of the deals a source wrote that are not marked deleted. */
  liveDealIds(source: string): Promise<string[]>;
  /** The rep a stored deal belongs to (a new one from the webhook is a re-assignment). */
  storedRepId(dealId: string): Promise<string | undefined>;
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

/**
 * The writes of one import or sync, with explicit transaction control. Batch-granular:
 * the pipeline awaits once per batch of records, never once per row, so a networked store
 * pays one round trip (or one COPY) per batch. Every method is asynchronous; a store may
 * hold its transaction open between `begin` and `commit`/`rollback`, across the
 * pipeline's awaits of these methods and of the source's next batch.
 */
export interface DealWriter {
  begin(): Promise<void>;
  commit(): Promise<void>;
  /** rolls back the open transaction, if any */
  rollback(): Promise<void>;
  isStoreEmpty(): Promise<boolean>;
  /**
   * For a bulk load into an empty store: drops the secondary indexes of the deals and
   * returns a function that recreates them. Both run inside the import's transaction.
   */
  suspendIndexes(): Promise<() => Promise<void>>;
  /** a sync_runs row in state 'running'; its id */
  createRun(source: string, target: string, startedAt: string): Promise<number>;
  finishRun(
    runId: number,
    status: 'running' | 'succeeded' | 'failed',
    finishedAt: string | null,
    counts: RunCounts,
    outcome: RunOutcome,
  ): Promise<void>;
  /** a failed run recorded on its own (the run's own row was rolled back); its id */
  recordFailedRun(
    source: string,
    target: string,
    startedAt: string,
    finishedAt: string,
    error: string,
  ): Promise<number>;
  /** The stored version of each deal, in order; undefined for an unknown id. */
  currentMany(ids: readonly string[]): Promise<Array<StoredDealVersion | undefined>>;
  /**
   * Bulk path (a load into an empty store), in order: inserts each new deal and returns
   * its insertion number (SQLite: its rowid; small, dense, unique in the store), or null
   * when the id is already stored, by this call or an earlier one (a repeat within the
   * same run; `deals` may hold the same id twice, the first one wins).
   */
  insertNewMany(
    deals: readonly Deal[],
    source: string,
    runId: number,
    now: string,
  ): Promise<Array<number | null>>;
  /** The insertion numbers `insertNewMany` gave these stored ids, in order. */
  rowidsOf(ids: readonly string[]): Promise<number[]>;
  /**
   * Writes validated deals, in order: insert, update (with history) or nothing when
   * unchanged. The ids are distinct within one call (the pipeline dedupes a run).
   */
  upsertMany(
    deals: readonly Deal[],
    source: string,
    runId: number,
    now: string,
  ): Promise<UpsertResult[]>;
  /** Marks deals deleted by the CRM; how many were (unknown or already deleted: not). */
  markDeletedMany(ids: readonly string[], runId: number, now: string): Promise<number>;
  /** Quarantine rows, stored in the order given. */
  quarantineMany(
    runId: number,
    source: string,
    entries: readonly QuarantineEntry[],
    now: string,
  ): Promise<void>;
  /** metrics.md: a file import's as-of is the newest created/closed date in the store. */
  newestDate(): Promise<string | null>;
}
