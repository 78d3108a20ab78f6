import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../src/adapters/storage/sqlite-store.js';
import { runDriverModel } from '../../../src/app/jobs/drivers-run.js';
import { runMetrics } from '../../../src/app/jobs/metrics-run.js';
import { scoreDeal } from '../../../src/app/queries/scoring.js';
import { DEFAULT_DEMO_OPTIONS, generateDemoDeals } from '../../../src/domain/demo-deals.js';
import { insertDeals } from '../../helpers/load-deals.js';
import { createTestDb } from '../../helpers/test-db.js';

const now = () => new Date('2024-07-01T06:00:00Z');

function demoDb() {
  const db = createTestDb();
  const rows = [...generateDemoDeals({ ...DEFAULT_DEMO_OPTIONS, deals: 3000, seed: 11 })].map(
    (d) => ({
      ...d,
      source: 'csv:demo',
      updatedAt: '2024-06-30T00:00:00Z',
    }),
  );
  insertDeals(db, rows);
  return { db, rows, store: createSqliteStore(db) };
}

describe('runMetrics', () => {
  it('stores every figure for the as-of date and scores each open deal', async () => {
    const { db, rows, store } = demoDb();
    const { summary } = await runMetrics(store, { asOf: '2024-06-30', now });
    const open = rows.filter((d) => d.outcome === null).length;
    expect(open).toBeGreaterThan(0);
    expect(summary.scoredDeals).toBe(open);
    expect(summary.flags.RED + summary.flags.YELLOW + summary.flags.GREEN).toBe(open);
    const c = db.$client;
    const metrics = c
      .prepare('SELECT DISTINCT metric FROM metric_history WHERE as_of = ? ORDER BY metric')
      .pluck()
      .all('2024-06-30');
    expect(metrics).toEqual(['avg_rsfs', 'smi', 'velocity', 'winrate_90d', 'winrate_all']);
    // the driver model is the weekly job's, not the daily run's
    expect(c.prepare('SELECT count(*) FROM model_versions').pluck().get()).toBe(0);
    expect(c.prepare('SELECT month FROM rep_audits').pluck().all()).toEqual(['2024-06']);
    const overall = c
      .prepare("SELECT won, n FROM metric_history WHERE metric = 'winrate_all' AND dimension = ''")
      .get() as { won: number; n: number };
    expect(overall.n).toBe(rows.length - open);
  });
  it('is idempotent per as-of date: a re-run replaces the rows', async () => {
    const { store } = demoDb();
    await runMetrics(store, { asOf: '2024-06-30', now });
    const first = await store.metrics.countRows('2024-06-30');
    await runMetrics(store, { asOf: '2024-06-30', now });
    expect(await store.metrics.countRows('2024-06-30')).toEqual(first);
    await runMetrics(store, { asOf: '2024-06-23', now });
    expect(await store.metrics.countRows('2024-06-30')).toEqual(first);
  });

  it('stores the weekly driver-model fit once per as-of date, beside the daily figures', async () => {
    const { db, store } = demoDb();
    await runMetrics(store, { asOf: '2024-06-30', now });
    const first = await runDriverModel(store, { asOf: '2024-06-30', now });
    await runDriverModel(store, { asOf: '2024-06-30', now });
    await runDriverModel(store, { asOf: '2024-06-23', now });
    const rows = db.$client
      .prepare(
        'SELECT as_of AS asOf, version, n_valid AS nValid, auc_rsfs AS aucRsfs FROM model_versions ORDER BY as_of',
      )
      .all() as Array<{ asOf: string; version: string; nValid: number; aucRsfs: number | null }>;
    expect(rows.map((r) => r.asOf)).toEqual(['2024-06-23', '2024-06-30']);
    expect(rows[1]).toMatchObject({
      version: first.version,
      nValid: first.validation.n,
      aucRsfs: first.auc.rsfs.value,
    });
    // a later daily run of the same date keeps the week's model
    await runMetrics(store, { asOf: '2024-06-30', now });
    expect(db.$client.prepare('SELECT count(*) FROM model_versions').pluck().get()).toBe(2);
  });
  it('scores a new deal from the kept context, matching a full recomputation', async () => {
    const { db, rows, store } = demoDb();
    const { context } = await runMetrics(store, { asOf: '2024-06-30', now });
    const openDeal = rows.find((d) => d.outcome === null)!;
    const stored = db.$client
      .prepare('SELECT rsfs, ci_lo AS ciLo, flag FROM deal_scores WHERE deal_id = ?')
      .get(openDeal.id) as { rsfs: number; ciLo: number; flag: string };
    const s = scoreDeal(context, openDeal);
    expect(s.rsfs).toBe(stored.rsfs);
    expect(s.ci[0]).toBe(stored.ciLo);
    expect(s.flag).toBe(stored.flag);
    // a deal the store has never seen, re-assigned to another rep today
    const fresh = scoreDeal(context, {
      repId: 'rep_3',
      industry: 'SaaS',
      createdDate: '2024-06-01',
      assignedDate: '2024-06-30',
    });
    expect(fresh.assignedAt).toBe('2024-06-30');
    expect(fresh.raw.n).toBeGreaterThan(0);
    const unknown = scoreDeal(context, {
      repId: 'rep_new',
      industry: 'SaaS',
      createdDate: '2024-06-30',
    });
    expect(unknown.source).toBe('global');
  });
});
