import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDealfit } from '../helpers/run-cli.js';
import { createTempDbPath } from '../helpers/test-db.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('dealfit generate', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });

  it('writes the canonical header and the same bytes for the same seed', async () => {
    const tmp = createTempDbPath();
    temps.push(tmp.cleanup);
    const a = join(tmp.dir, 'a.csv');
    const b = join(tmp.dir, 'b.csv');
    const first = await runDealfit([
      'generate',
      '--out',
      a,
      '--deals',
      '300',
      '--seed',
      '9',
      '--json',
    ]);
    await runDealfit(['generate', '--out', b, '--deals', '300', '--seed', '9']);
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({ deals: 300, dataAsOf: '2024-06-30', seed: 9 });
    expect(sha(a)).toBe(sha(b));
    const lines = readFileSync(a, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(
      'deal_id,created_date,closed_date,sales_rep_id,industry,region,product_type,lead_source,deal_stage,deal_amount,sales_cycle_days,outcome',
    );
    expect(lines).toHaveLength(301);
  });

  it('explains bad options with usage', async () => {
    const missing = await runDealfit(['generate']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out FILE is required');
    const effects = await runDealfit(['generate', '--out', '/tmp/x.csv', '--effects', 'magic']);
    expect(effects.code).toBe(2);
    expect(effects.stderr).toContain('unknown effect "magic"');
    const deals = await runDealfit(['generate', '--out', '/tmp/x.csv', '--deals', 'lots']);
    expect(deals.stderr).toContain('--deals must be a number');
  });
});
