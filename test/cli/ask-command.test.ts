/**
 * `dealfit ask` on the sample deals: --json carries the reading in the shape and the
 * figures; --thread FILE makes successive calls one thread (created when absent, refined by
 * the next question); a bad thread file is a usage error, not a crash.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDealfit } from '../helpers/run-cli.js';
import { sampleDealRows, sampleDealsCsv } from '../helpers/sample-deals.js';
import { createTempDbPath } from '../helpers/test-db.js';

let tmp: ReturnType<typeof createTempDbPath>;
let db: string[];
let dir: string;

beforeAll(async () => {
  tmp = createTempDbPath();
  db = ['--db', tmp.path];
  dir = mkdtempSync(join(tmpdir(), 'dealfit-ask-'));
  const imported = await runDealfit(['import', await sampleDealsCsv(), ...db]);
  if (imported.code !== 0) throw new Error(imported.stderr);
});
afterAll(() => {
  tmp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('dealfit ask', () => {
  it('--json: the reading in the documented shape, the words and the figures', async () => {
    const r = await runDealfit([
      'ask',
      'fintec win rate by region last quarter vs the quarter before',
      '--json',
      ...db,
    ]);
    expect(r.code).toBe(0);
    const j = r.json() as {
      understood: Record<string, unknown>;
      text: string;
      answer: { overall: { n: number } };
    };
    expect(j.understood).toMatchObject({
      intent: 'winrate',
      filters: { industry: 'FinTech' },
      groupBy: 'region',
      period: { from: '2024-01-01', to: '2024-03-31' },
      compareTo: { from: '2023-10-01', to: '2023-12-31' },
      dealId: null,
      month: null,
      notFound: [],
      corrected: [{ from: 'fintec', to: 'FinTech' }],
    });
    const rows = await sampleDealRows();
    const n = rows.filter(
      (d) =>
        d.industry === 'FinTech' &&
        d.closedDate &&
        d.closedDate >= '2024-01-01' &&
        d.closedDate <= '2024-03-31',
    ).length;
    expect(j.answer.overall.n).toBe(n);
    expect(j.text).toContain(`n = ${n}`);
  });

  it('--thread FILE: the next call refines the last question', async () => {
    const thread = join(dir, 'thread.json');
    const first = await runDealfit(['ask', 'how are we doing in APAC?', '--thread', thread, ...db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^read as: win rate · APAC · closed /);
    expect(JSON.parse(readFileSync(thread, 'utf8')).reading.filters).toEqual({ region: 'APAC' });
    const next = await runDealfit(['ask', 'only over $20k', '--thread', thread, '--json', ...db]);
    expect((next.json() as { understood: { filters: object } }).understood.filters).toEqual({
      region: 'APAC',
      minAmount: 20_000,
    });
    const alone = await runDealfit(['ask', 'only over $20k', '--json', ...db]);
    expect((alone.json() as { understood: { filters: object } }).understood.filters).toEqual({
      minAmount: 20_000,
    });
  });

  it('a thread file that is not one is a usage error', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, 'not json');
    const r = await runDealfit(['ask', 'win rate', '--thread', bad, ...db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a dealfit thread file');
  });
});
