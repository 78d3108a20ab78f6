/**
 * One Salesforce sync: resume from the last committed watermark (or read everything with
 * `full`), run the batches through the shared ingestion pipeline (validation, dedupe,
 * history, quarantine, sync_runs), and watch the failure streak: after 3 failed syncs in a
 * row, a logged error and an ops signal (spec "CRM sync fails"). A failed sync leaves no
 * partial batch and the last good "data as of" stands: both are the pipeline's guarantees.
 */
import { runBlanksText } from '../../domain/deal-fields.js';
import type {
  CrmApiStats,
  CrmSource,
  IngestOptions,
  IngestSummary,
  SourceBatch,
  SourceRecord,
} from '../ports/ingest-source.js';
import type { Store } from '../ports/store.js';
import { FAILING_SYNC_THRESHOLD, type SyncHealth } from '../ports/sync-store.js';
import type { IngestTarget } from './ingest.js';

/** What a CRM sync reaches: the ingest store, and the sync runs' health for its ops signal. */
export type SyncTarget = IngestTarget & Pick<Store, 'syncs'>;

export const SALESFORCE = 'salesforce';

/** The pipeline (ingestBatches), passed in so that a test can stand in for it. */
export type IngestFn = (store: IngestTarget, options: IngestOptions) => Promise<IngestSummary>;

export interface SalesforceSyncDeps {
  source: CrmSource;
  ingest: IngestFn;
  now: () => Date;
  /** progress and retries (stderr in the CLI) */
  log?: (line: string) => void;
  /** the logged error of a failing streak */
  logError?: (line: string) => void;
  /** called after a failure when the streak reaches 3; the alert engine plugs in here */
  onOpsSignal?: (signal: SyncOpsSignal) => void;
}

export interface SalesforceSyncOptions {
  full?: boolean;
  dryRun?: boolean;
  onProgress?: (p: { rows: number }) => void;
}

/** What an ops alert needs (the inputs of the domain's syncFailedAlert). */
export interface SyncOpsSignal {
  source: string;
  consecutiveFailures: number;
  failingSince: string | null;
  lastError: string;
  lastGoodDataAsOf: string | null;
}

export interface SalesforceSyncResult {
  mode: 'full' | 'incremental';
  /** the watermark the sync resumed from (incremental) */
  since: string | null;
  summary: IngestSummary;
  health: SyncHealth;
  opsSignal: SyncOpsSignal | null;
  api: CrmApiStats;
}

/** The ops signal for the Salesforce sync, or null while fewer than 3 syncs failed in a row. */
export async function readSalesforceOpsSignal(store: SyncTarget): Promise<SyncOpsSignal | null> {
  return opsSignalOf(await store.syncs.health(SALESFORCE));
}

function opsSignalOf(health: SyncHealth): SyncOpsSignal | null {
  if (health.consecutiveFailures < FAILING_SYNC_THRESHOLD) return null;
  return {
    source: health.source,
    consecutiveFailures: health.consecutiveFailures,
    failingSince: health.failingSince,
    lastError: health.lastError ?? 'unknown error',
    lastGoodDataAsOf: health.lastGoodDataAsOf,
  };
}

/**
 * A full read sees every live Opportunity; a Salesforce deal the store still holds but the
 * read did not return was deleted and purged (or is no longer shared with the integration
 * user), which queryAll cannot report. It is marked deleted in a last batch.
 */
const VANISHED_GUARD = { min: 50, share: 0.1 };

async function* withVanishedAsDeleted(
  store: IngestTarget,
  batches: AsyncIterable<SourceBatch>,
): AsyncGenerator<SourceBatch> {
  const seen = new Set<string>();
  let watermark: string | undefined;
  for await (const batch of batches) {
    for (const record of batch.records) {
      const id = record.fields.deal_id;
      if (id) seen.add(id);
    }
    for (const id of batch.deletedIds ?? []) seen.add(id);
    watermark = batch.watermark ?? watermark;
    yield batch;
  }
  const live = await store.ingest.liveDealIds(SALESFORCE);
  const vanished = live.filter((id) => !seen.has(id));
  // Many deals vanishing at once is a permission or filter change, not mass deletion.
  if (
    vanished.length >= VANISHED_GUARD.min &&
    vanished.length > live.length * VANISHED_GUARD.share
  ) {
    throw new Error(
      `a full sync would mark ${vanished.length} of ${live.length} Salesforce deals deleted; check that the integration user can still see all Opportunities (View All) and the mapping's filter. Nothing was changed.`,
    );
  }
  if (vanished.length > 0) {
    yield { records: [], deletedIds: vanished, ...(watermark ? { watermark } : {}) };
  }
}

/**
 * The whole sync as one batch: the pipeline commits a batch at a time, and a sync must be
 * all or nothing (a kill mid-paging leaves the deals and the watermark as they were).
 * Costs memory in proportion to the changes read (about 1 KB per record).
 */
async function* asOneBatch(batches: AsyncIterable<SourceBatch>): AsyncGenerator<SourceBatch> {
  const records: SourceRecord[] = [];
  const deletedIds: string[] = [];
  let watermark: string | undefined;
  for await (const batch of batches) {
    for (const record of batch.records) records.push(record);
    for (const id of batch.deletedIds ?? []) deletedIds.push(id);
    watermark = batch.watermark ?? watermark;
  }
  yield {
    records,
    ...(deletedIds.length > 0 ? { deletedIds } : {}),
    ...(watermark ? { watermark } : {}),
  };
}

export async function syncSalesforce(
  store: SyncTarget,
  deps: SalesforceSyncDeps,
  options: SalesforceSyncOptions = {},
): Promise<SalesforceSyncResult> {
  const { source } = deps;
  const since = options.full
    ? undefined
    : await store.ingest.lastWatermark(SALESFORCE, source.target);
  const read = source.read(since === undefined ? {} : { watermark: since });
  const summary = await deps.ingest(store, {
    source: SALESFORCE,
    target: source.target,
    batches: asOneBatch(options.full ? withVanishedAsDeleted(store, read) : read),
    now: deps.now,
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const health = await store.syncs.health(SALESFORCE);
  const opsSignal = summary.status === 'failed' ? opsSignalOf(health) : null;
  if (opsSignal) {
    deps.logError?.(
      `salesforce: ${opsSignal.consecutiveFailures} consecutive failed syncs since ${opsSignal.failingSince}; last error: ${opsSignal.lastError}; data as of stays ${opsSignal.lastGoodDataAsOf ?? 'never synced'}`,
    );
    deps.onOpsSignal?.(opsSignal);
  }
  return {
    mode: options.full ? 'full' : 'incremental',
    since: since ?? null,
    summary,
    health,
    opsSignal,
    api: source.stats(),
  };
}

/** A one-line account of a sync for logs, the job run log and the CLI. */
export function describeSync(result: SalesforceSyncResult): string {
  const s = result.summary;
  const from = result.mode === 'full' ? 'full' : `incremental since ${result.since ?? 'the start'}`;
  if (s.status === 'failed')
    return `salesforce sync (${from}) failed: ${s.error ?? 'unknown error'}`;
  const api = result.api;
  return [
    `salesforce sync (${from}): ${s.rows} records, ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged, ${s.deleted} deleted, ${s.quarantined} quarantined`,
    runBlanksText(s.blanks),
    `watermark ${s.watermark ?? 'none'}; ${api.requests} API requests, ${api.retries} retries, ${api.reauths} re-authentications${api.apiUsage ? `; org API usage ${api.apiUsage}` : ''}`,
  ].join('\n');
}

/**
 * The scheduler's job (the scheduler issue wires the 6-hour cadence). A failed sync does not
 * throw: the sync's own failure streak raises the ops signal after 3, instead of an alert
 * per transient failure.
 */
export function createSalesforceSyncJob(deps: SalesforceSyncDeps & { store: SyncTarget }) {
  return {
    name: 'salesforce-sync',
    cron: '0 */6 * * *',
    description: 'Incremental Salesforce sync (changed and deleted Opportunities)',
    catchUp: true,
    async run(ctx: { dryRun: boolean }): Promise<string> {
      const result = await syncSalesforce(deps.store, deps, { dryRun: ctx.dryRun });
      return describeSync(result);
    },
  };
}
