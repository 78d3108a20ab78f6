/**
 * A CSV export as a stream of SourceBatches for the ingestion pipeline: the reader's
 * records, their columns picked and values mapped by the field mapping, dates turned into
 * YYYY-MM-DD. One batch per chunk read, so memory stays flat whatever the file size.
 */
import { statSync } from 'node:fs';
import type { SourceBatch, SourceRecord } from '../../../app/ports/ingest-source.js';
import { CANONICAL_FIELDS } from '../../../app/ports/ingest-source.js';
import { parseDate } from '../../../domain/date-formats.js';
import { type CsvReadOptions, readCsvFile } from './csv-reader.js';
import {
  type ColumnIndex,
  defaultMapping,
  type FieldMapping,
  mapValue,
  resolveColumns,
} from './field-mapping.js';

export interface CsvSource {
  batches: AsyncIterable<SourceBatch>;
  /** size of the file, for the progress bar's ETA */
  totalBytes: number;
  /** bytes read so far */
  bytesRead(): number;
}

/** Opens a CSV export (nothing is read until the batches are iterated). */
export function createCsvSource(
  path: string,
  mapping: FieldMapping = defaultMapping(),
  readOptions: CsvReadOptions = {},
): CsvSource {
  const totalBytes = statSync(path).size;
  let bytesRead = 0;
  async function* batches(): AsyncGenerator<SourceBatch> {
    let toRecord: ((fields: string[], line: number, raw: string) => SourceRecord) | undefined;
    let sawData = false;
    for await (const batch of readCsvFile(path, readOptions)) {
      bytesRead = batch.bytesRead;
      const records: SourceRecord[] = [];
      for (const record of batch.records) {
        if (toRecord === undefined) {
          toRecord = recordBuilder(record.fields, mapping);
          continue;
        }
        // a line holding only spaces is a blank line, not a record of one empty field
        if (record.fields.length === 1 && record.fields[0]!.trim() === '') continue;
        records.push(toRecord(record.fields, record.line, record.raw));
      }
      if (records.length > 0) {
        sawData = true;
        yield { records };
      }
    }
    if (!sawData) throw new EmptyCsvError('the file has a header but no data rows');
  }
  return { batches: batches(), totalBytes, bytesRead: () => bytesRead };
}

/** A file with a header and nothing else: rejected like an empty file. */
export class EmptyCsvError extends Error {
  override name = 'EmptyCsvError';
}

/**
 * Builds the function that turns one CSV record into a SourceRecord. The identity mapping
 * of an ISO-dated file (the common case) takes a path with no per-field lookups.
 */
function recordBuilder(
  header: string[],
  mapping: FieldMapping,
): (fields: string[], line: number, raw: string) => SourceRecord {
  const index: ColumnIndex = resolveColumns(header, mapping);
  const width = header.length;
  const valueMaps = CANONICAL_FIELDS.filter((f) => mapping.values[f] !== undefined);
  const convertDates = mapping.dateFormat !== 'YYYY-MM-DD';

  const pick = fieldPicker(index);
  return (cells, line, raw) => {
    const fields = pick(cells);
    const record: SourceRecord = { fields, line, raw };
    if (cells.length !== width) {
      record.rejected = [
        `the line has ${cells.length} field${cells.length === 1 ? '' : 's'}, the header has ${width} (an unquoted comma, or a missing one?)`,
      ];
      return record;
    }
    for (const field of valueMaps) {
      const value = fields[field];
      if (value !== undefined) fields[field] = mapValue(mapping.values[field], value);
    }
    if (convertDates) convertRecordDates(record, mapping);
    if (mapping.ignoreCloseDateOfOpenDeals && (fields.outcome ?? '').trim() === '') {
      fields.closed_date = '';
    }
    return record;
  };
}

/**
 * The function that picks a record's canonical fields out of its cells, generated once per
 * file from CANONICAL_FIELDS and the file's column positions: one object literal with the
 * positions written out gives every record the same shape, which V8 handles far faster
 * than twelve keyed stores in a loop (an absent column reads cells[-1], i.e. undefined =
 * empty).
 */
function fieldPicker(index: ColumnIndex): (cells: string[]) => SourceRecord['fields'] {
  const entries = CANONICAL_FIELDS.map((f) => {
    if (!/^[a-z_]+$/.test(f) || !Number.isInteger(index[f])) throw new Error(`bad field ${f}`);
    return `${f}: cells[${index[f]}]`;
  });
  return new Function('cells', `"use strict"; return { ${entries.join(', ')} };`) as (
    cells: string[],
  ) => SourceRecord['fields'];
}

/**
 * MM/DD/YYYY and DD/MM/YYYY become YYYY-MM-DD here, so the pipeline sees one format; a
 * value that is not a date in the mapping's format is rejected with that format named.
 */
function convertRecordDates(record: SourceRecord, mapping: FieldMapping): void {
  for (const field of ['created_date', 'closed_date'] as const) {
    const text = record.fields[field]?.trim();
    if (!text) continue;
    const parsed = parseDate(field, text, mapping.dateFormat);
    if (typeof parsed === 'string') {
      if (field === 'closed_date' && mapping.ignoreCloseDateOfOpenDeals) {
        if ((record.fields.outcome ?? '').trim() === '') continue; // dropped anyway
      }
      record.rejected = [...(record.rejected ?? []), parsed];
    } else {
      record.fields[field] = parsed.iso;
    }
  }
}
