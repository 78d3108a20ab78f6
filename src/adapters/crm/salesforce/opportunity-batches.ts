/**
 * Opportunities changed since a watermark, as ingestion batches: one batch per API page
 * (2,000 records), live records mapped to SourceRecords and deleted ones (queryAll sees the
 * recycle bin) as deletedIds. One ordered queryAll stream carries both, so a single
 * watermark (the newest SystemModstamp seen) is exact for both.
 */

import type { SourceBatch, SourceRecord } from '../../../app/ports/ingest-source.js';
import { readPath, type SalesforceMapping, toSourceRecord } from './mapping.js';
import type { SalesforceClient } from './salesforce-client.js';
import { buildOpportunitySoql } from './soql.js';

/** Re-read this far behind the watermark: SystemModstamp is set when a transaction starts,
 *  so a long transaction can commit a stamp older than one we already saw. */
export const WATERMARK_OVERLAP_MS = 5 * 60_000;

export interface OpportunityBatchOptions {
  /** ISO datetime of the last committed SystemModstamp; undefined = full read */
  watermark?: string;
  overlapMs?: number;
}

/** `2024-06-01T00:00:00.000+0000` -> epoch ms (NaN when unreadable). */
export function parseSfDateTime(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

export function opportunitySoqlFor(
  mapping: SalesforceMapping,
  options: OpportunityBatchOptions,
): string {
  const since =
    options.watermark === undefined
      ? undefined
      : Date.parse(options.watermark) - (options.overlapMs ?? WATERMARK_OVERLAP_MS);
  if (since !== undefined && Number.isNaN(since)) {
    throw new Error(`unreadable Salesforce watermark "${options.watermark}"`);
  }
  return buildOpportunitySoql(mapping, since);
}

export async function* readOpportunityBatches(
  client: SalesforceClient,
  mapping: SalesforceMapping,
  options: OpportunityBatchOptions = {},
): AsyncGenerator<SourceBatch> {
  const soql = opportunitySoqlFor(mapping, options);
  let markMs =
    options.watermark === undefined ? Number.NEGATIVE_INFINITY : Date.parse(options.watermark);
  for await (const page of client.queryPages(soql, { all: true })) {
    const records: SourceRecord[] = [];
    const deletedIds: string[] = [];
    for (const record of page.records) {
      if (record.IsDeleted === true) {
        const id = readPath(record, mapping.fields.deal_id) ?? record.Id;
        if (typeof id === 'string' && id !== '') deletedIds.push(id);
      } else {
        records.push(toSourceRecord(record, mapping));
      }
      const stamp = parseSfDateTime(record.SystemModstamp);
      if (stamp > markMs) markMs = stamp;
    }
    yield {
      records,
      ...(deletedIds.length > 0 ? { deletedIds } : {}),
      ...(Number.isFinite(markMs) ? { watermark: new Date(markMs).toISOString() } : {}),
    };
  }
}
