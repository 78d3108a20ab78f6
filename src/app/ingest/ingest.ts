/**
 * The ingestion pipeline shared by CSV imports and CRM syncs: validate every record,
 * dedupe on deal id, write what changed, quarantine what is wrong, record the run.
 *
 * Atomicity (README "Decisions"): a CSV import is ONE transaction, from the sync_runs row
 * to the last deal; a process killed midway leaves the store exactly as it was. A CRM
 * sync commits after each batch together with that batch's watermark, so a long first
 * sync that dies resumes from its last commit instead of starting over.
 */
import { basename } from 'node:path';
import type { Deal } from '../../domain/deal.js';
import { countBlanks, describeDifferences, sameDealValues } from '../../domain/deal-fields.js';
import {
  copyCounts,
  type IngestOptions,
  type IngestSummary,
  noCounts,
  type RunCounts,
  type SourceRecord,
} from '../ports/ingest-source.js';
import type { Store } from '../ports/store.js';
import { createRowValidator } from './row-validation.js';

export {
  CANONICAL_FIELDS,
  type CanonicalField,
  type IngestOptions,
  type IngestSummary,
  type SourceBatch,
  type SourceRecord,
} from '../ports/ingest-source.js';

/** The part of the store the pipeline writes to. */
export type IngestTarget = Pick<Store, 'ingest'>;

export async function ingestBatches(
  store: IngestTarget,
  options: IngestOptions,
): Promise<IngestSummary> {
  const writer = store.ingest.openWriter();
  const validate = createRowValidator();
  const startedAt = options.now().toISOString();
  const dealSource = options.source === 'csv' ? `csv:${basename(options.target)}` : options.source;
  const commitPerBatch = options.source !== 'csv' && !options.dryRun;
  const counts = noCounts();
  let committed: RunCounts | null = null;
  let watermark: string | null = null;
  let committedWatermark: string | null = null;
  let runId = 0;
  /** deal id -> where its first accepted record was (line number, or CRM record id) */
  const seen = new Map<string, number | string>();
  /** the same, by rowid, in a bulk load into an empty store */
  const firstByRowid: Array<number | string> = [];
  let newest = '';
  let bulk = false;

  try {
    writer.begin();
    runId = writer.createRun(options.source, options.target, startedAt);
    // Into an empty store every deal is new: a bulk load, INSERT without a lookup per row.
    bulk = writer.isStoreEmpty();
    // ... and build the indexes once at the end (a CRM sync commits per batch, so its
    // indexes must stay in place between commits).
    const restoreIndexes = bulk && !commitPerBatch ? writer.suspendIndexes() : null;

    for await (const batch of options.batches) {
      writeRecords(batch.records);
      for (const id of batch.deletedIds ?? []) {
        if (writer.markDeleted(id, runId, startedAt)) counts.deleted++;
      }
      if (batch.watermark !== undefined) watermark = batch.watermark;
      if (commitPerBatch) {
        writer.finishRun(runId, 'running', null, counts, {
          watermark,
          error: null,
          dataAsOf: null,
        });
        writer.commit();
        committed = copyCounts(counts);
        committedWatermark = watermark;
        writer.begin();
      }
      options.onProgress?.({ rows: counts.rows });
    }

    restoreIndexes?.();
    // Into an empty store, the newest date written is the store's newest: no full scan; and
    // no scan at all when the as-of is given or comes from the clock (a one-deal webhook
    // batch into a million deals must not read them all).
    const newestInStore = () => (bulk ? newest || null : writer.newestDate());
    const dataAsOf =
      options.asOf ?? (options.source === 'csv' ? newestInStore() : startedAt.slice(0, 10));
    writer.finishRun(runId, 'succeeded', options.now().toISOString(), counts, {
      watermark,
      error: null,
      dataAsOf,
    });
    if (options.dryRun) {
      writer.rollback();
      runId = 0; // nothing was recorded
    } else {
      writer.commit();
    }
    return { syncRunId: runId, ...counts, dataAsOf, watermark, status: 'succeeded' };
  } catch (error) {
    writer.rollback();
    const message = describeError(error);
    const finishedAt = options.now().toISOString();
    let failedRunId = 0;
    if (!options.dryRun) {
      try {
        if (committed !== null) {
          // CRM sync: the batches committed so far stay, with their watermark.
          writer.finishRun(runId, 'failed', finishedAt, committed, {
            watermark: committedWatermark,
            error: message,
            dataAsOf: null,
          });
          failedRunId = runId;
        } else {
          failedRunId = writer.recordFailedRun(
            options.source,
            options.target,
            startedAt,
            finishedAt,
            message,
          );
        }
      } catch {
        // The store itself is unavailable (locked by another writer, disk full): the
        // summary still carries the reason, and nothing was written.
      }
    }
    const kept = committed ?? noCounts();
    return {
      syncRunId: failedRunId,
      ...kept,
      dataAsOf: null,
      watermark: committedWatermark,
      status: 'failed',
      error: message,
    };
  }

  /** Validates and writes one batch's records (the per-row work of the loop above). */
  function writeRecords(records: SourceRecord[]): void {
    for (const record of records) {
      counts.rows++;
      if (record.rejected !== undefined && record.rejected.length > 0) {
        quarantine(record, record.rejected);
        continue;
      }
      const result = validate(record);
      if (!result.ok) {
        quarantine(record, result.reasons);
        continue;
      }
      const deal = result.deal;
      const where = record.line ?? record.recordId ?? 0;
      if (bulk) {
        // Empty store: the primary key itself tells a repeat within this run, and the
        // first occurrence's place is kept by rowid: no lookup and no Map per row.
        const rowid = writer.insertNew(deal, dealSource, runId, startedAt);
        if (rowid === null) {
          repeated(record, deal, firstByRowid[writer.rowidOf(deal.id)] ?? 0);
          continue;
        }
        firstByRowid[rowid] = where;
        counts.inserted++;
        countBlanks(deal, counts.blanks);
        if (deal.createdDate > newest) newest = deal.createdDate;
        if (deal.closedDate !== null && deal.closedDate > newest) newest = deal.closedDate;
        continue;
      }
      const first = seen.get(deal.id);
      if (first !== undefined) {
        repeated(record, deal, first);
        continue;
      }
      seen.set(ownString(deal.id), where);
      counts[writer.upsert(deal, dealSource, runId, startedAt)]++;
      countBlanks(deal, counts.blanks);
    }
  }

  /** A deal id seen before in this run: the store holds the first occurrence's values. */
  function repeated(record: SourceRecord, deal: Deal, first: number | string): void {
    const stored = writer.current(deal.id);
    if (stored !== undefined && stored.deletedAt === null && sameDealValues(stored, deal)) {
      counts.unchanged++; // an identical repeat changes nothing
      return;
    }
    const diff = stored ? describeDifferences(stored, deal).join(', ') : '';
    const at = describeWhere(first);
    quarantine(record, [
      `deal_id ${deal.id} repeats ${at} with different values (${diff}); ${at} was kept`,
    ]);
  }

  function quarantine(record: SourceRecord, reasons: string[]): void {
    counts.quarantined++;
    writer.quarantine(
      runId,
      dealSource,
      {
        line: record.line ?? null,
        recordId: record.recordId ?? (record.fields.deal_id?.trim() || null),
        raw: record.raw,
        reasons,
      },
      startedAt,
    );
  }
}

function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY') {
    return 'the database is busy: another import or sync is writing to it; try again when it is done';
  }
  return error instanceof Error ? error.message : String(error);
}

function describeWhere(first: number | string): string {
  if (typeof first === 'string') return `record ${first}`;
  return first > 0 ? `line ${first}` : 'an earlier record';
}

/**
 * A copy of a long id that does not point into the chunk of text it was cut from: V8
 * keeps substrings of 13+ characters as views of their parent, so keeping them in `seen`
 * would keep every chunk of the file alive.
 */
function ownString(id: string): string {
  return id.length < 13 ? id : Buffer.from(id, 'utf8').toString('utf8');
}
