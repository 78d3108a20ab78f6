import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CsvFormatError,
  type CsvRecord,
  readCsvFile,
} from '../../../../src/adapters/crm/csv/csv-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'dealfit-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

function fileWith(content: string | Buffer): string {
  const path = join(dir, `f${fileNo++}.csv`);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, chunkBytes?: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of readCsvFile(path, { chunkBytes })) out.push(...batch.records);
  return out;
}

/** Every case must parse the same whatever the chunk size, so chunk edges fall everywhere. */
const CHUNK_SIZES = [1, 2, 3, 5, 7, 16, 1 << 20];

async function expectParses(content: string | Buffer, expected: Array<[number, string[]]>) {
  const path = fileWith(content);
  for (const size of CHUNK_SIZES) {
    const records = await readAll(path, size);
    expect(
      records.map((r) => [r.line, r.fields]),
      `chunk size ${size}`,
    ).toEqual(expected);
  }
}

describe('readCsvFile', () => {
  it('reads plain LF records with their 1-based lines and raw text', async () => {
    const path = fileWith('a,b,c\n1,2,3\n4,5,6\n');
    const records = await readAll(path);
    expect(records).toEqual([
      { fields: ['a', 'b', 'c'], line: 1, raw: 'a,b,c' },
      { fields: ['1', '2', '3'], line: 2, raw: '1,2,3' },
      { fields: ['4', '5', '6'], line: 3, raw: '4,5,6' },
    ]);
  });

  it('strips a UTF-8 BOM and reads CRLF line endings and a last line without a break', async () => {
    await expectParses('\uFEFFa,b\r\n1,2\r\n3,4', [
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
    ]);
  });

  it('unquotes fields with commas, doubled quotes and line breaks, counting physical lines', async () => {
    await expectParses(
      'id,note,n\r\n1,"a, b",x\r\n2,"say ""hi""",y\r\n3,"two\r\nlines\nthree",z\r\n4,"",\r\n',
      [
        [1, ['id', 'note', 'n']],
        [2, ['1', 'a, b', 'x']],
        [3, ['2', 'say "hi"', 'y']],
        [4, ['3', 'two\r\nlines\nthree', 'z']],
        [7, ['4', '', '']],
      ],
    );
  });

  it('keeps a quote inside an unquoted field as a literal and skips blank lines', async () => {
    await expectParses('a,b\n\n5" screen,ok\n\r\n"q",last\n', [
      [1, ['a', 'b']],
      [3, ['5" screen', 'ok']],
      [5, ['q', 'last']],
    ]);
  });

  it('reads multi-byte UTF-8 split across chunks', async () => {
    await expectParses('name,city\nRenée,Zürich\n東京,😀\n', [
      [1, ['name', 'city']],
      [2, ['Renée', 'Zürich']],
      [3, ['東京', '😀']],
    ]);
  });

  it('keeps the raw text of a quoted record for quarantine', async () => {
    const records = await readAll(fileWith('a,b\n"x\ny",2\n'));
    expect(records[1]).toEqual({ fields: ['x\ny', '2'], line: 2, raw: '"x\ny",2' });
  });

  it('rejects an empty file', async () => {
    await expect(readAll(fileWith(''))).rejects.toThrow(new CsvFormatError('the file is empty'));
    await expect(readAll(fileWith('\n\r\n'))).rejects.toThrow('the file is empty');
    await expect(readAll(fileWith('\uFEFF'))).rejects.toThrow('the file is empty');
  });

  it('rejects binary data with the byte where it starts', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
    await expect(readAll(fileWith(png))).rejects.toThrow(
      /not a CSV text file: binary data \(a NUL byte\) at byte 9/,
    );
  });

  it('rejects text that is not UTF-8', async () => {
    const latin1 = Buffer.from('name\nRen\xe9e\n', 'latin1');
    await expect(readAll(fileWith(latin1))).rejects.toThrow(/not UTF-8 text/);
  });

  it('rejects a quote that is never closed, naming the line it opens on', async () => {
    for (const size of CHUNK_SIZES) {
      await expect(readAll(fileWith('a,b\n1,2\n3,"open\n4,5\n'), size)).rejects.toThrow(
        /line 3: a quoted field opens here and is never closed/,
      );
    }
  });

  it('bounds a runaway quoted field instead of buffering the whole file', async () => {
    const path = fileWith(`a\n"${'x\n'.repeat(5000)}`);
    const read = async () => {
      for await (const _ of readCsvFile(path, { chunkBytes: 1024, maxRecordChars: 2000 })) {
        // drain
      }
    };
    await expect(read()).rejects.toThrow(/line 2: one record runs over more than 2,000 characters/);
  });

  it('yields a batch per chunk with the bytes read so far', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},x`).join('\n');
    const path = fileWith(`id,v\n${rows}\n`);
    const seen: number[] = [];
    let count = 0;
    for await (const batch of readCsvFile(path, { chunkBytes: 4096 })) {
      seen.push(batch.bytesRead);
      count += batch.records.length;
    }
    expect(count).toBe(2001);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(Buffer.byteLength(`id,v\n${rows}\n`));
  });
});
