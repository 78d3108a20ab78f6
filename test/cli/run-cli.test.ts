import { afterEach, describe, expect, it } from 'vitest';
import { runDealfit } from '../helpers/run-cli.js';
import { createTempDbPath } from '../helpers/test-db.js';

describe('dealfit CLI dispatch', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });

  it('lists commands on --help and exits 0', async () => {
    const result = await runDealfit(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('status');
  });

  it('rejects an unknown command with exit 2 and a hint', async () => {
    const result = await runDealfit(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });

  it('rejects unknown flags and extra arguments with usage', async () => {
    const flag = await runDealfit(['status', '--nope']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Usage: dealfit status');
    const extra = await runDealfit(['status', 'extra']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('unexpected argument "extra"');
  });

  it('prints status of an empty store as JSON, honouring --db over DEALFIT_DB', async () => {
    const tmp = createTempDbPath();
    temps.push(tmp.cleanup);
    const result = await runDealfit(['status', '--json', '--db', tmp.path], {
      DEALFIT_DB: '/nonexistent/should-not-be-used.db',
    });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({
      deals: { total: 0, open: 0, closed: 0 },
      dataAsOf: null,
      quarantined: 0,
    });
  });
});
