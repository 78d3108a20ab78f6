import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/command.js';
import { createProgress } from '../../src/cli/progress.js';

function fakeIo(isTty: boolean) {
  const lines: string[] = [];
  const raw: string[] = [];
  const io: CommandIo = {
    out: () => {},
    err: (t) => lines.push(t),
    isTty,
    errRaw: (t) => raw.push(t),
  };
  return { io, lines, raw };
}

function clock() {
  let ms = Date.parse('2026-01-01T00:00:00Z');
  return { now: () => new Date(ms), advance: (s: number) => (ms += s * 1000) };
}

describe('import progress', () => {
  it('draws a bar with rows/s and an ETA from the bytes read on a terminal', () => {
    const { io, raw, lines } = fakeIo(true);
    const c = clock();
    const p = createProgress(io, 'importing big.csv', 1000, c.now);
    c.advance(2);
    p.update(200_000, 250);
    expect(raw).toHaveLength(1);
    expect(raw[0]).toBe(
      `\rimporting big.csv ${'█'.repeat(6)}${'░'.repeat(18)}  25% 200,000 rows, 100,000 rows/s, ETA 6s\x1b[K`,
    );
    p.update(200_001, 251); // redrawn at most every 100 ms
    expect(raw).toHaveLength(1);
    c.advance(3);
    p.finishing(400_000);
    expect(raw[1]).toBe(
      '\rimporting big.csv: all 400,000 rows read; finishing (indexes and commit)…\x1b[K',
    );
    p.done();
    expect(raw.at(-1)).toBe('\r\x1b[K');
    expect(lines).toEqual([]);
  });

  it('writes plain log lines every few seconds when stderr is not a terminal', () => {
    const { io, raw, lines } = fakeIo(false);
    const c = clock();
    const p = createProgress(io, 'importing big.csv', 1000, c.now);
    c.advance(1);
    p.update(50_000, 100);
    expect(lines).toEqual([]);
    c.advance(5);
    p.update(300_000, 500);
    expect(lines).toEqual(['importing big.csv: 50% read, 300,000 rows, 50,000 rows/s']);
    p.done();
    expect(raw).toEqual([]);
  });

  it('says nothing about finishing for a small, quick import', () => {
    const { io, lines } = fakeIo(false);
    const c = clock();
    const p = createProgress(io, 'importing small.csv', 10, c.now);
    p.finishing(3);
    expect(lines).toEqual([]);
  });
});
