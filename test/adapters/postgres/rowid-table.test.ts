/** The bulk load's repeat detector answers as a Map would, whatever the ids' order. */
import { describe, expect, it } from 'vitest';
import { RowidTable } from '../../../src/adapters/postgres/rowid-table.js';

/** a deterministic shuffle (mulberry32) */
function shuffled<T>(xs: T[], seed: number): T[] {
  let s = seed;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function checkAgainstMap(ids: string[]): RowidTable {
  const table = new RowidTable();
  const map = new Map<string, number>();
  ids.forEach((id, i) => {
    const before = map.get(id);
    if (before === undefined) map.set(id, i + 1);
    expect(table.addNew(id, i + 1)).toBe(before);
  });
  expect(table.size).toBe(map.size);
  for (const id of [...ids, 'absent', '', 'D99999999']) expect(table.get(id)).toBe(map.get(id));
  return table;
}

const ids = Array.from({ length: 5000 }, (_, i) => `D${String(i).padStart(5, '0')}`);

describe('RowidTable', () => {
  it('tells repeats in an export sorted by id, with repeats at the end', () => {
    checkAgainstMap([...ids, ids[0]!, ids[4999]!, ids[2500]!]);
  });

  it('tells repeats in a mostly sorted export', () => {
    const mostly = [...ids];
    for (let i = 0; i < mostly.length; i += 97) mostly.splice(i, 0, ids[(i * 31) % ids.length]!);
    checkAgainstMap([...mostly, 'A-first', 'Z-last', 'A-first']);
  });

  it('tells repeats in a shuffled export, after it stops keeping a sorted run', () => {
    checkAgainstMap([...shuffled(ids, 7), ...shuffled(ids, 8).slice(0, 800)]);
  });

  it('forgets everything on clear', () => {
    const table = checkAgainstMap(['b', 'a', 'c']);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.get('a')).toBeUndefined();
    expect(table.addNew('a', 9)).toBeUndefined();
    expect(table.get('a')).toBe(9);
  });
});
