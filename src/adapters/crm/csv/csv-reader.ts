/**
 * A streaming RFC 4180 CSV reader over a file. It never holds more than one read chunk
 * (plus the record that straddles two chunks) in memory, so a file of millions of rows
 * imports in constant memory.
 *
 * Hand-written for speed: csv-parse style packages spend most of their time per
 * character in JavaScript; here a record without quotes (the common case in CRM exports)
 * costs one `indexOf('\n')` and one `split(',')`, and only records that contain a quote
 * go through the character-by-character state machine.
 */
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface CsvRecord {
  /** the record's cells, unquoted; the first record of a file is its header */
  fields: string[];
  /** 1-based physical line where the record starts */
  line: number;
  /** the record's text as it stands in the file (without the line break) */
  raw: string;
}

export interface CsvBatch {
  records: CsvRecord[];
  /** bytes of the file read so far (for progress and ETA) */
  bytesRead: number;
}

/** The file cannot be read as CSV at all; the message names the problem. */
export class CsvFormatError extends Error {
  override name = 'CsvFormatError';
}

export interface CsvReadOptions {
  /** bytes per read (default 64 KiB); one batch of records per read */
  chunkBytes?: number;
  /**
   * A single record longer than this is taken for a runaway quoted field (a stray quote)
   * rather than buffered without bound.
   */
  maxRecordChars?: number;
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

interface ParseState {
  /** 1-based physical line of the next record */
  line: number;
}

/**
 * Parses one quoted-or-mixed record starting at `start`. Returns the index just past the
 * record's line break (or text.length at the end of the input), or -1 when the record is
 * not complete in `text` (and `final` is false).
 */
function parseQuotedRecord(
  text: string,
  start: number,
  final: boolean,
  out: string[],
  state: ParseState,
): { next: number; end: number; newlines: number } | -1 {
  const n = text.length;
  let i = start;
  let newlines = 0;
  let field = '';
  for (;;) {
    // at the start of a field
    if (i < n && text.charCodeAt(i) === QUOTE) {
      i++;
      let segment = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          if (final) {
            throw new CsvFormatError(
              `line ${state.line}: a quoted field opens here and is never closed (a stray quote, or not a CSV file)`,
            );
          }
          return -1;
        }
        if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
          field += text.slice(segment, q + 1);
          i = q + 2;
          segment = i;
          continue;
        }
        if (q + 1 >= n && !final) return -1; // cannot tell "" from " yet
        field += text.slice(segment, q);
        i = q + 1;
        break;
      }
      // count the line breaks inside the quoted part for line numbers
      for (let k = start; k < i; k++) if (text.charCodeAt(k) === LF) newlines++;
      // lenient: characters between the closing quote and the delimiter are kept
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF || c === CR) break;
        field += text.charAt(i);
        i++;
      }
    } else {
      // unquoted field: up to the next comma or line break; quotes inside are literal
      const begin = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF) break;
        i++;
      }
      let end = i;
      if (i < n && text.charCodeAt(i) === LF && end > begin && text.charCodeAt(end - 1) === CR) {
        end--;
      } else if (i === n && final && end > begin && text.charCodeAt(end - 1) === CR) {
        end--;
      }
      field = text.slice(begin, end);
    }
    out.push(field);
    field = '';
    if (i >= n) {
      if (!final) return -1;
      return { next: n, end: n, newlines };
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      start = i;
      continue;
    }
    if (c === CR) {
      // CR right after a closing quote: expect LF
      if (i + 1 >= n && !final) return -1;
      const end = i;
      i++;
      if (i < n && text.charCodeAt(i) === LF) i++;
      return { next: i, end, newlines };
    }
    // LF
    const end = i > 0 && text.charCodeAt(i - 1) === CR ? i - 1 : i;
    return { next: i + 1, end, newlines };
  }
}

/**
 * Parses all complete records of `text` into `records`; returns the index of the first
 * character not consumed (the start of an incomplete record).
 */
function parseRecords(
  text: string,
  final: boolean,
  records: CsvRecord[],
  state: ParseState,
  maxRecordChars: number,
): number {
  const n = text.length;
  let pos = 0;
  // The next quote in the text, searched once and again only after the scan passes it:
  // files without quotes cost a single search.
  let nextQuote = text.indexOf('"');
  while (pos < n) {
    const nl = text.indexOf('\n', pos);
    if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
    const quoted = nextQuote !== -1 && (nl === -1 || nextQuote < nl);
    if (!quoted) {
      if (nl === -1 && !final) {
        if (n - pos > maxRecordChars) tooLong(state.line, maxRecordChars);
        break;
      }
      const lineEnd = nl === -1 ? n : nl;
      const end = lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
      if (end > pos) {
        const raw = text.slice(pos, end);
        records.push({ fields: raw.split(','), line: state.line, raw });
      }
      state.line++;
      pos = lineEnd + 1;
      continue;
    }
    const fields: string[] = [];
    const result = parseQuotedRecord(text, pos, final, fields, state);
    if (result === -1) {
      if (n - pos > maxRecordChars) tooLong(state.line, maxRecordChars);
      break;
    }
    records.push({ fields, line: state.line, raw: text.slice(pos, result.end) });
    state.line += result.newlines + 1;
    pos = result.next;
  }
  return Math.min(pos, n);
}

function tooLong(line: number, max: number): never {
  throw new CsvFormatError(
    `line ${line}: one record runs over more than ${max.toLocaleString('en-US')} characters (a stray quote, or not a CSV file)`,
  );
}

/**
 * Reads a CSV file as batches of records (one batch per chunk read). The first record is
 * the header. Blank lines are skipped. Throws CsvFormatError for an empty file, binary
 * data, text that is not UTF-8, or a quote that is never closed.
 */
export async function* readCsvFile(
  path: string,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvBatch> {
  // 64 KiB reads keep each batch's records in V8's young generation: with 1 MiB reads they
  // outlive a scavenge, get promoted and the old-generation GC doubled the read time.
  const chunkBytes = options.chunkBytes ?? 1 << 16;
  const maxRecordChars = options.maxRecordChars ?? 4 << 20;
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  const decoder = new StringDecoder('utf8');
  const state: ParseState = { line: 1 };
  let pending = '';
  let bytesRead = 0;
  let first = true;
  let decoderCarries = false;
  let sawRecord = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const nul = chunk.indexOf(0);
      if (nul !== -1) {
        throw new CsvFormatError(
          `not a CSV text file: binary data (a NUL byte) at byte ${bytesRead + nul + 1}; UTF-16 exports must be saved as UTF-8`,
        );
      }
      bytesRead += chunk.length;
      // Pure ASCII chunks (most CRM exports) skip the UTF-8 decoder: latin1 decoding of
      // ASCII is the same text and several times faster. Only when no character of the
      // previous chunk is still waiting for its remaining bytes.
      let text: string;
      if (!decoderCarries && isAscii(chunk)) {
        text = chunk.toString('latin1');
      } else {
        text = decoder.write(chunk);
        decoderCarries = endsInsideCharacter(chunk);
      }
      if (first && text.length > 0) {
        // the BOM's three bytes may arrive in more than one read
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      checkUtf8(text, state.line);
      const input = pending === '' ? text : pending + text;
      const records: CsvRecord[] = [];
      const used = parseRecords(input, false, records, state, maxRecordChars);
      pending = input.slice(used);
      if (records.length > 0) {
        sawRecord = true;
        yield { records, bytesRead };
      }
    }
    const tail = decoder.end();
    checkUtf8(tail, state.line);
    const input = pending + tail;
    const records: CsvRecord[] = [];
    if (input.length > 0) parseRecords(input, true, records, state, maxRecordChars);
    if (records.length > 0) {
      sawRecord = true;
      yield { records, bytesRead };
    }
    if (!sawRecord) throw new CsvFormatError('the file is empty');
  } finally {
    stream.destroy();
  }
}

/** True when the buffer ends with an incomplete UTF-8 sequence. */
function endsInsideCharacter(buf: Buffer): boolean {
  for (let k = 1; k <= 3 && k <= buf.length; k++) {
    const b = buf[buf.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b < 0xc0) return false; // ASCII
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return length > k;
  }
  return false;
}

function checkUtf8(text: string, line: number): void {
  // StringDecoder turns bytes that are not UTF-8 into U+FFFD; a CRM export in Latin-1 or
  // UTF-16 would otherwise import with mangled names.
  if (text.indexOf('\uFFFD') !== -1) {
    throw new CsvFormatError(
      `not UTF-8 text (near line ${line}): save the export as UTF-8 CSV and import it again`,
    );
  }
}
