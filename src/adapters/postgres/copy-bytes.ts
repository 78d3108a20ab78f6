/**
 * COPY's text format written straight into bytes, for the bulk load of a million deals.
 *
 * Why not strings: building each row as a template string, joining a batch and encoding it
 * with Buffer.from was the import's biggest cost (1M rows, profiled: 1.65 s of the main
 * thread's 3.9 s, most of it concatenation, flattening, the escape regex and the garbage
 * collection of ~12M short-lived strings). Here an ASCII value is copied a character at a
 * time into a reused chunk, escaped on the way; only a value with a non-ASCII character
 * takes the encoder. The result is the same bytes `copyField` (database.ts) would give.
 */
import { copyField } from './database.js';

/** bytes per chunk: a batch's rows (~90 bytes each) fill a few before one is handed out */
const CHUNK_BYTES = 1 << 20;
const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;

export class CopyBytes {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  /** the first byte not handed out yet */
  private start = 0;
  private pos = 0;

  /** Room for `n` more bytes: a full chunk's unhanded bytes move to a fresh one. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const pending = this.buf.subarray(this.start, this.pos);
    // the bytes before `start` were handed out: the stream still holds them, so no reuse
    const next = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, pending.length + n));
    pending.copy(next);
    this.buf = next;
    this.start = 0;
    this.pos = pending.length;
  }

  tab(): void {
    this.room(1);
    this.buf[this.pos++] = TAB;
  }

  endRow(): void {
    this.room(1);
    this.buf[this.pos++] = NEWLINE;
  }

  /** A value in COPY's text format: \N for null, a number as String() writes it. */
  value(value: string | number | null | undefined): void {
    if (value === null || value === undefined) {
      this.room(2);
      this.buf[this.pos++] = BACKSLASH;
      this.buf[this.pos++] = 78; // N
    } else if (typeof value === 'number') {
      if (Number.isSafeInteger(value) && value >= 0) this.digits(value);
      else this.ascii(String(value));
    } else {
      this.text(value);
    }
  }

  /** A non-negative integer's decimal digits. */
  digits(n: number): void {
    this.room(16);
    const buf = this.buf;
    if (n === 0) {
      buf[this.pos++] = 48;
      return;
    }
    let end = this.pos;
    for (let m = n; m > 0; m = Math.floor(m / 10)) end++;
    this.pos = end;
    for (let m = n; m > 0; m = Math.floor(m / 10)) buf[--end] = 48 + (m % 10);
  }

  /** A string known to be ASCII without anything to escape (a number's String()). */
  private ascii(s: string): void {
    this.room(s.length);
    const buf = this.buf;
    for (let i = 0; i < s.length; i++) buf[this.pos++] = s.charCodeAt(i);
  }

  /** A string, escaped as COPY reads it; UTF-8 through the encoder once it is not ASCII. */
  text(s: string): void {
    this.room(2 * s.length);
    const buf = this.buf;
    const begin = this.pos;
    let pos = begin;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        const escaped = copyField(s);
        // this.pos is still `begin`: what the loop wrote is written again, whole, over it
        this.room(3 * escaped.length);
        this.pos += this.buf.write(escaped, this.pos, 'utf8');
        return;
      }
      if (c === BACKSLASH || c === TAB || c === NEWLINE || c === 13) {
        buf[pos++] = BACKSLASH;
        buf[pos++] = c === BACKSLASH ? BACKSLASH : c === TAB ? 116 : c === NEWLINE ? 110 : 114;
      } else {
        buf[pos++] = c;
      }
    }
    this.pos = pos;
  }

  /** The bytes written since the last call, to hand to the stream (no copy). */
  take(): Buffer {
    const out = this.buf.subarray(this.start, this.pos);
    this.start = this.pos;
    return out;
  }
}
