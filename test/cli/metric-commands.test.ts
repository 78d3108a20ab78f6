import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DealInsert } from '../helpers/load-deals.js';
import { runDealfit } from '../helpers/run-cli.js';
import { SAMPLE_OPTIONS, sampleDealRows, sampleDealsCsv } from '../helpers/sample-deals.js';
import { createTempDbPath } from '../helpers/test-db.js';

let tmp: ReturnType<typeof createTempDbPath>;
let db: string[];
let rows: DealInsert[];

beforeAll(async () => {
  tmp = createTempDbPath();
  db = ['--db', tmp.path];
  rows = await sampleDealRows();
  const imported = await runDealfit(['import', await sampleDealsCsv(), ...db]);
  if (imported.code !== 0) throw new Error(imported.stderr);
});
afterAll(() => tmp.cleanup());

describe('metric commands on the sample deals', () => {
  it('winrate --window all --json counts every closed deal, as a direct count of the file does', async () => {
    const r = await runDealfit(['winrate', '--window', 'all', '--json', ...db]);
    expect(r.code).toBe(0);
    const j = r.json() as { overall: { won: number; n: number; ci: number[] }; window: string };
    expect(j.window).toBe('all');
    const closed = rows.filter((d) => d.outcome !== null);
    expect(closed.length).toBeGreaterThan(4000);
    expect(j.overall).toMatchObject({
      won: closed.filter((d) => d.outcome === 'won').length,
      n: closed.length,
    });
    expect(j.overall.ci).toHaveLength(2);
  });
  it('winrate prints a table with n and intervals', async () => {
    const r = await runDealfit(['winrate', '--by', 'industry', ...db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FinTech\s+\d+\s+\d+\s+\d+\.\d%\s+\[/);
  });
  it('rejects bad arguments with exit 2', async () => {
    expect((await runDealfit(['winrate', '--by', 'colour', ...db])).code).toBe(2);
    expect((await runDealfit(['winrate', '--window', 'x', ...db])).code).toBe(2);
    const bad = await runDealfit(['audit', '--month', '2024-13', ...db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--month must look like 2024-06');
    expect((await runDealfit(['momentum', '--as-of', '2024-02-30', ...db])).code).toBe(2);
  });
  it('rsfs of an unknown id exits non-zero and names up to 3 similar ids', async () => {
    const r = await runDealfit(['rsfs', 'D12345', ...db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('deal D12345 not found');
    const similar = /similar ids: (.*)$/.exec(r.stderr)![1]!.split(', ');
    expect(similar.length).toBeGreaterThan(0);
    expect(similar.length).toBeLessThanOrEqual(3);
    const padded = await runDealfit(['rsfs', 'd42', ...db]);
    expect(padded.stderr).toContain('similar ids: D00042');
  });
  it('rsfs --json has the issue’s shape', async () => {
    const r = await runDealfit(['rsfs', 'D00001', '--json', ...db]);
    expect(r.code).toBe(0);
    expect(Object.keys(r.json() as object)).toEqual(
      expect.arrayContaining([
        'dealId',
        'repId',
        'industry',
        'assignedAt',
        'raw',
        'rsfs',
        'ci',
        'source',
        'flag',
        'percentile',
        'coleadCandidates',
      ]),
    );
  });
  it('momentum --as-of names the most negative segment and whether it is significant', async () => {
    const r = await runDealfit(['momentum', '--as-of', SAMPLE_OPTIONS.end, ...db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Most negative: (industry|region|product|leadSource|rep) \S.*, smi -0\.\d{4}( \(not significant\))?/,
    );
  });
  it('drivers, audit and metrics run print their figures', async () => {
    const d = await runDealfit(['drivers', '--json', ...db]);
    expect((d.json() as { auc: { rsfs: { ci: number[] } } }).auc.rsfs.ci).toHaveLength(2);
    const a = await runDealfit(['audit', '--month', '2024-06', ...db]);
    const counts =
      /Counts: TOP PERFORMER (\d+), SPECIALIST (\d+), AVERAGE (\d+), NEEDS COACHING (\d+)/.exec(
        a.stdout,
      );
    expect(counts).not.toBeNull();
    // every one of the sample's reps has enough deals to be classified in one tier
    expect(counts!.slice(1).reduce((n, c) => n + Number(c), 0)).toBe(SAMPLE_OPTIONS.reps);
    const m = await runDealfit(['metrics', 'run', '--as-of', '2024-06-30', '--json', ...db]);
    expect(m.code).toBe(0);
    expect(m.json()).toMatchObject({ asOf: '2024-06-30', auditMonth: '2024-06' });
  });
});
