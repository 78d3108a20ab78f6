/** `dealfit import` on the public data set: every row in, none quarantined, twice. */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runDealfit } from '../helpers/run-cli.js';
import { createTempDbPath } from '../helpers/test-db.js';
import { SHARED_DEALS_CSV } from './shared-deals.js';

const tmp = createTempDbPath();
afterAll(() => tmp.cleanup());

describe('dealfit import of the public data set', () => {
  it('imports 5,000 deals, none quarantined, as of 2024-07-20; again: all unchanged', async () => {
    const first = await runDealfit(['import', SHARED_DEALS_CSV, '--db', tmp.path, '--json']);
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({
      rows: 5000,
      inserted: 5000,
      quarantined: 0,
      dataAsOf: '2024-07-20',
      status: 'succeeded',
    });
    const second = await runDealfit(['import', SHARED_DEALS_CSV, '--db', tmp.path, '--json']);
    expect(second.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 5000 });
    const status = await runDealfit(['status', '--db', tmp.path, '--json']);
    expect(status.json()).toMatchObject({
      deals: { total: 5000, closed: 5000 },
      dataAsOf: '2024-07-20',
    });
    const db = new Database(tmp.path, { readonly: true });
    try {
      expect(db.prepare("select * from deals where id = 'D00001'").get()).toMatchObject({
        created_date: '2023-11-24',
        closed_date: '2023-12-15',
        rep_id: 'rep_22',
        industry: 'SaaS',
        amount: 4253,
        cycle_days: 21,
        outcome: 'won',
        source: 'csv:deals.csv',
      });
    } finally {
      db.close();
    }
  });
});
