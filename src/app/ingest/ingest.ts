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
import type { QuarantineEntry, StoredDealVersion } from '../ports/ingest-store.js';
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
  const writer = await store.ingest.openWriter();
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
    await writer.begin();
    runId = await writer.createRun(options.source, options.target, startedAt);
    // Into an empty store every deal is new: a bulk load, INSERT without a lookup per row.
    bulk = await writer.isStoreEmpty();
    // ... and build the indexes once at the end (a CRM sync commits per batch, so its
    // indexes must stay in place between commits).
    const restoreIndexes = bulk && !commitPerBatch ? await writer.suspendIndexes() : null;

    for await (const batch of options.batches) {
      await writeRecords(batch.records);
      if (batch.deletedIds !== undefined && batch.deletedIds.length > 0) {
        counts.deleted += await writer.markDeletedMany(batch.deletedIds, runId, startedAt);
      }
      if (batch.watermark !== undefined) watermark = batch.watermark;
      if (commitPerBatch) {
        await writer.finishRun(runId, 'running', null, counts, {
          watermark,
          error: null,
          dataAsOf: null,
        });
        await writer.commit();
        committed = copyCounts(counts);
        committedWatermark = watermark;
        await writer.begin();
      }
      options.onProgress?.({ rows: counts.rows });
    }

    await restoreIndexes?.();
    // Into an empty store, the newest date written is the store's newest: no full scan; and
    // no scan at all when the as-of is given or comes from the clock (a one-deal webhook
    // batch into a million deals must not read them all).
    const newestInStore = () => (bulk ? Promise.resolve(newest || null) : writer.newestDate());
    const dataAsOf =
      options.asOf ?? (options.source === 'csv' ? await newestInStore() : startedAt.slice(0, 10));
    await writer.finishRun(runId, 'succeeded', options.now().toISOString(), counts, {
      watermark,
      error: null,
      dataAsOf,
    });
    if (options.dryRun) {
      await writer.rollback();
      runId = 0; // nothing was recorded
    } else {
      await writer.commit();
    }
    return { syncRunId: runId, ...counts, dataAsOf, watermark, status: 'succeeded' };
  } catch (error) {
    const message = describeError(error);
    const finishedAt = options.now().toISOString();
    let failedRunId = 0;
    try {
      await writer.rollback();
      if (!options.dryRun) {
        if (committed !== null) {
          // CRM sync: the batches committed so far stay, with their watermark.
          await writer.finishRun(runId, 'failed', finishedAt, committed, {
            watermark: committedWatermark,
            error: message,
            dataAsOf: null,
          });
          failedRunId = runId;
        } else {
          failedRunId = await writer.recordFailedRun(
            options.source,
            options.target,
            startedAt,
            finishedAt,
            message,
          );
        }
      }
    } catch {
      // The store itself is unavailable (locked by another writer, disk full, connection
      // lost): the summary still carries the reason, and nothing was written.
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

  /**
   * Validates one batch's records and writes them with one call per kind of write: the
   * deals, then (rare) the repeats' stored versions, then the quarantine rows, in record
   * order.
   */
  async function writeRecords(records: SourceRecord[]): Promise<void> {
    const deals: Deal[] = [];
    /** each deal's index in `records` */
    const dealAt: number[] = [];
    /** quarantine candidates: reasons now, or a repeat (`deal`) resolved below */
    const out: Candidate[] = [];
    for (let at = 0; at < records.length; at++) {
      const record = records[at]!;
      counts.rows++;
      if (record.rejected !== undefined && record.rejected.length > 0) {
        out.push({ at, record, reasons: record.rejected });
        continue;
      }
      const result = validate(record);
      if (!result.ok) {
        out.push({ at, record, reasons: result.reasons });
        continue;
      }
      const deal = result.deal;
      if (!bulk) {
        const first = seen.get(deal.id);
        if (first !== undefined) {
          out.push({ at, record, reasons: null, deal, first });
          continue;
        }
        seen.set(ownString(deal.id), record.line ?? record.recordId ?? 0);
      }
      deals.push(deal);
      dealAt.push(at);
    }

    let outOfOrder = false;
    if (bulk && deals.length > 0) {
      // Empty store: the primary key itself tells a repeat within this run, and the
      // first occurrence's place is kept by rowid: no lookup and no Map per row.
      const rowids = await writer.insertNewMany(deals, dealSource, runId, startedAt);
      const repeated: Candidate[] = [];
      for (let i = 0; i < deals.length; i++) {
        const deal = deals[i]!;
        const rowid = rowids[i];
        const record = records[dealAt[i]!]!;
        if (rowid === null || rowid === undefined) {
          repeated.push({ at: dealAt[i]!, record, reasons: null, deal, first: 0 });
          continue;
        }
        firstByRowid[rowid] = record.line ?? record.recordId ?? 0;
        counts.inserted++;
        countBlanks(deal, counts.blanks);
        if (deal.createdDate > newest) newest = deal.createdDate;
        if (deal.closedDate !== null && deal.closedDate > newest) newest = deal.closedDate;
      }
      if (repeated.length > 0) {
        const firstRowids = await writer.rowidsOf(repeated.map((c) => c.deal!.id));
        repeated.forEach((c, i) => {
          c.first = firstByRowid[firstRowids[i]!] ?? 0;
          out.push(c);
        });
        outOfOrder = true;
      }
    } else if (deals.length > 0) {
      const results = await writer.upsertMany(deals, dealSource, runId, startedAt);
      for (let i = 0; i < deals.length; i++) {
        counts[results[i]!]++;
        countBlanks(deals[i]!, counts.blanks);
      }
    }

    const repeats = out.filter((c) => c.deal !== undefined);
    if (repeats.length > 0) {
      const stored = await writer.currentMany(repeats.map((c) => c.deal!.id));
      repeats.forEach((c, i) => {
        c.reasons = repeatReasons(c.deal!, stored[i], c.first ?? 0);
      });
    }
    if (outOfOrder) out.sort((x, y) => x.at - y.at);

    const entries: QuarantineEntry[] = [];
    for (const { record, reasons } of out) {
      if (reasons === null) continue; // an identical repeat
      counts.quarantined++;
      entries.push({
        line: record.line ?? null,
        recordId: record.recordId ?? (record.fields.deal_id?.trim() || null),
        raw: record.raw,
        reasons,
      });
    }
    if (entries.length > 0) await writer.quarantineMany(runId, dealSource, entries, startedAt);
  }

  /**
   * A deal id seen before in this run: the store holds the first occurrence's values.
   * An identical repeat changes nothing (null, counted unchanged); else the reasons.
   */
  function repeatReasons(
    deal: Deal,
    stored: StoredDealVersion | undefined,
    first: number | string,
  ): string[] | null {
    if (stored !== undefined && stored.deletedAt === null && sameDealValues(stored, deal)) {
      counts.unchanged++;
      return null;
    }
    const diff = stored ? describeDifferences(stored, deal).join(', ') : '';
    const at = describeWhere(first);
    return [`deal_id ${deal.id} repeats ${at} with different values (${diff}); ${at} was kept`];
  }
}

/** A record of a batch that may be quarantined: with its reasons, or a repeat to resolve. */
interface Candidate {
  /** its index in the batch */
  at: number;
  record: SourceRecord;
  reasons: string[] | null;
  /** a repeat of a deal written earlier in the run */
  deal?: Deal;
  /** where the first occurrence was */
  first?: number | string;
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
