/** The bulk load's COPY bytes are the bytes copyField's text would encode to. */
import { describe, expect, it } from 'vitest';
import { CopyBytes } from '../../../src/adapters/postgres/copy-bytes.js';
import { copyField } from '../../../src/adapters/postgres/database.js';

const VALUES: Array<string | number | null> = [
  'D0000001',
  '',
  null,
  0,
  -0,
  7,
  1234567890123,
  -12,
  0.1 + 0.2,
  1e21,
  Number.MAX_SAFE_INTEGER + 2,
  'tab\there',
  'back\\slash\nnew\rline',
  'Île-de-France ✓',
  'ASCII first, then ü and a \t tab',
  '😀 emoji',
];

const expected = (rows: Array<Array<string | number | null>>) =>
  Buffer.from(rows.map((r) => `${r.map(copyField).join('\t')}\n`).join(''), 'utf8');

function write(bytes: CopyBytes, rows: Array<Array<string | number | null>>): void {
  for (const row of rows) {
    row.forEach((v, i) => {
      if (i > 0) bytes.tab();
      bytes.value(v);
    });
    bytes.endRow();
  }
}

describe('CopyBytes', () => {
  it('writes each value as copyField does, escapes and UTF-8 included', () => {
    const bytes = new CopyBytes();
    write(bytes, [VALUES]);
    expect(bytes.take().toString('utf8')).toBe(expected([VALUES]).toString('utf8'));
    expect(bytes.take().length).toBe(0); // nothing handed out twice
  });

  it('hands out each part once and keeps what it handed out across chunks', () => {
    const bytes = new CopyBytes();
    const parts: Buffer[] = [];
    const all: Array<Array<string | number | null>> = [];
    // ~3 MB of rows: several 1 MiB chunks, a long non-ASCII value across a chunk's end
    for (let i = 0; i < 40_000; i++) {
      const row = [i, `D${i}`, i % 7 === 0 ? `ü${'x'.repeat(i % 200)}\\` : 'SaaS', i / 3, null];
      all.push(row);
      write(bytes, [row]);
      if (i % 1000 === 999) parts.push(bytes.take());
    }
    parts.push(bytes.take());
    expect(Buffer.concat(parts).equals(expected(all))).toBe(true);
  });
});
