/**
 * The metric commands on the public sample data set (not shipped; see README "Tests"):
 * the figures pinned by the reference checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDealfit } from '../helpers/run-cli.js';
import { createTempDbPath } from '../helpers/test-db.js';
import { SHARED_DEALS_CSV } from './shared-deals.js';

let tmp: ReturnType<typeof createTempDbPath>;
let db: string[];

beforeAll(async () => {
  tmp = createTempDbPath();
  db = ['--db', tmp.path];
  const imported = await runDealfit(['import', SHARED_DEALS_CSV, ...db]);
  if (imported.code !== 0) throw new Error(imported.stderr);
});
afterAll(() => tmp.cleanup());

describe('metric commands on the public data set', () => {
  it('winrate --window all --json gives 2,263 won of 5,000', async () => {
    const r = await runDealfit(['winrate', '--window', 'all', '--json', ...db]);
    expect(r.code).toBe(0);
    const j = r.json() as { overall: { won: number; n: number; ci: number[] }; window: string };
    expect(j.window).toBe('all');
    expect(j.overall).toMatchObject({ won: 2263, n: 5000 });
  });
  it('momentum --as-of 2024-06-30 names Inbound, not significant', async () => {
    const r = await runDealfit(['momentum', '--as-of', '2024-06-30', ...db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Most negative: leadSource Inbound, smi -0.0220 (not significant)');
  });
  it('audit --month 2024-06 classifies the 25 reps as the reference does', async () => {
    const a = await runDealfit(['audit', '--month', '2024-06', ...db]);
    expect(a.stdout).toContain(
      'Counts: TOP PERFORMER 2, SPECIALIST 9, AVERAGE 7, NEEDS COACHING 7',
    );
  });
});
