/**
 * The metric engine on ../shared/data/deals.csv: the figures the issue pins, and a
 * cross-check against the independent pandas baseline's results on the same file
 * (../shared/bench/pandas_baseline.py --as-of 2024-06-30 --results).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/adapters/storage/database.js';
import { loadDealTable } from '../../src/adapters/storage/deal-queries.js';
import { createSqliteStore } from '../../src/adapters/storage/sqlite-store.js';
import {
  queryAudit,
  queryDrivers,
  queryMomentum,
  queryRsfs,
  queryWinRate,
} from '../../src/app/queries/metric-queries.js';
import { DIMENSIONS, type Dimension } from '../../src/domain/deal.js';
import { FitIndex } from '../../src/domain/fit-score.js';
import type { DealInsert } from '../helpers/load-deals.js';
import { createTestDb } from '../helpers/test-db.js';
import { importSharedDeals } from './shared-deals.js';

let db: Db;
let rows: DealInsert[];

beforeAll(async () => {
  db = createTestDb();
  rows = await importSharedDeals(db);
});

const field: Record<Dimension, keyof DealInsert> = {
  industry: 'industry',
  region: 'region',
  product: 'product',
  leadSource: 'leadSource',
  rep: 'repId',
};

describe('win rates on the shared data', () => {
  it('window all: 2,263 won of 5,000 with a Wilson interval', async () => {
    const r = await queryWinRate(createSqliteStore(db), { window: 'all' });
    expect(r.asOf).toBe('2024-07-20');
    expect(r.overall.won).toBe(2263);
    expect(r.overall.n).toBe(5000);
    expect(r.overall.ci![0]).toBeLessThan(0.4526);
    expect(r.overall.ci![1]).toBeGreaterThan(0.4526);
  });
  it('per-segment counts equal a direct count from the file, for every dimension', async () => {
    const r = await queryWinRate(createSqliteStore(db), { window: 'all' });
    for (const dim of DIMENSIONS) {
      const direct = new Map<string, { won: number; n: number }>();
      for (const d of rows) {
        const key = String(d[field[dim]]);
        const c = direct.get(key) ?? { won: 0, n: 0 };
        c.n++;
        if (d.outcome === 'won') c.won++;
        direct.set(key, c);
      }
      const ours = r.segments.filter((s) => s.dimension === dim);
      expect(ours).toHaveLength(direct.size);
      for (const s of ours) {
        expect({ won: s.won, n: s.n }).toEqual(direct.get(s.value));
        expect(s.ci).not.toBeNull();
      }
    }
  });
  it('the 90-day window ends at asOf and the decomposition sums to the change', async () => {
    const r = await queryWinRate(createSqliteStore(db), { window: 90, asOf: '2024-06-30' });
    const inWindow = rows.filter(
      (d) => d.closedDate! > '2024-04-01' && d.closedDate! <= '2024-06-30',
    );
    expect(r.overall.n).toBe(inWindow.length);
    for (const dim of DIMENSIONS) {
      const sum = r.decomposition
        .filter((x) => x.dimension === dim)
        .reduce((s, x) => s + x.total, 0);
      expect(sum).toBeCloseTo(r.overall.rate! - r.previous!.rate!, 12);
    }
  });
});

describe('momentum on the shared data, asOf 2024-06-30', () => {
  it('reproduces the Inbound example and reports it not significant', async () => {
    const r = await queryMomentum(createSqliteStore(db), { asOf: '2024-06-30' });
    expect(r.quarter).toBe('2024Q2');
    const m = r.mostNegative!;
    expect([m.dimension, m.value]).toEqual(['leadSource', 'Inbound']);
    expect(m.previous.rate!).toBeCloseTo(0.488, 3);
    expect(m.current.rate!).toBeCloseTo(0.405, 3);
    expect(m.share).toBeCloseTo(0.26, 2);
    expect(m.smi).toBeCloseTo(-0.022, 3);
    expect(m.significant).toBe(false);
    // pandas baseline: 16 tests, p = 0.09204825163533994
    expect(r.segments).toHaveLength(16);
    expect(m.p!).toBeCloseTo(0.09204825163533994, 10);
  });
  it('the momentum test: Inbound against the four quarters before, p ≈ 0.061, no decline significant', async () => {
    const r = await queryMomentum(createSqliteStore(db), { asOf: '2024-06-30' });
    expect(r.baselineQuarters).toEqual({ from: '2023Q2', to: '2024Q1' });
    const inbound = r.segments.find((s) => s.value === 'Inbound')!;
    expect(inbound.current).toMatchObject({ won: 68, n: 168 });
    expect(inbound.baseline).toMatchObject({ n: 1015 });
    expect(inbound.baseline!.rate!).toBeCloseTo(0.469, 3);
    expect(inbound.declineP!).toBeCloseTo(0.061, 3);
    expect(inbound.declineSignificant).toBe(false);
    expect(r.segments.filter((s) => s.declineSignificant)).toEqual([]);
    expect(r.significantDeclines).toEqual([]);
  });
  it('rejects a quarter that is not complete without --partial', async () => {
    await expect(
      queryMomentum(createSqliteStore(db), { asOf: '2024-06-29', quarter: '2024Q2' }),
    ).rejects.toThrow(RangeError);
    expect(
      (
        await queryMomentum(createSqliteStore(db), {
          asOf: '2024-06-29',
          quarter: '2024Q2',
          partial: true,
        })
      ).partial,
    ).toBe(true);
    await expect(queryMomentum(createSqliteStore(db), { quarter: 'Q2' })).rejects.toThrow(/2024Q2/);
  });
});

describe('cross-check with the pandas baseline results (asOf 2024-06-30)', () => {
  it('audit: tiers, medians and recoverable revenue', async () => {
    const r = await queryAudit(createSqliteStore(db), { asOf: '2024-06-30' });
    expect(r.month).toBe('2024-06');
    expect(r.counts).toEqual({
      'TOP PERFORMER': 2,
      SPECIALIST: 9,
      AVERAGE: 7,
      'NEEDS COACHING': 7,
    });
    expect(r.recoverable).toBeCloseTo(898685.5964997798, 6);
  });
  it('raw RSFS counts summed over every deal', () => {
    const table = loadDealTable(db, '2024-06-30');
    const index = new FitIndex(table);
    let sumWon = 0;
    let sumN = 0;
    let nGe5 = 0;
    for (let i = 0; i < table.size; i++) {
      const s = index.score(table.codes.rep[i]!, table.codes.industry[i]!, table.created[i]!);
      sumWon += s.raw.won;
      sumN += s.raw.n;
      if (s.raw.n >= 5) nGe5++;
    }
    expect({ sumWon, sumN, nGe5 }).toEqual({ sumWon: 33060, sumN: 73385, nGe5: 3651 });
    const first = index.score(table.codes.rep[0]!, table.codes.industry[0]!, table.created[0]!);
    expect([
      first.raw.won,
      first.raw.n,
      first.rep.won,
      first.rep.n,
      first.global.won,
      first.global.n,
    ]).toEqual([14, 27, 50, 125, 1321, 2929]);
  });
  it('win rates: window all and rolling 90 with their Wilson intervals', async () => {
    const all = await queryWinRate(createSqliteStore(db), { window: 'all', asOf: '2024-06-30' });
    expect({ won: all.overall.won, n: all.overall.n }).toEqual({ won: 2248, n: 4971 });
    expect(all.overall.ci![0]).toBeCloseTo(0.4384292742252057, 12);
    const r90 = await queryWinRate(createSqliteStore(db), {
      window: 90,
      asOf: '2024-06-30',
      by: 'industry',
    });
    expect({ won: r90.overall.won, n: r90.overall.n }).toEqual({ won: 273, n: 621 });
    expect(r90.overall.ci![1]).toBeCloseTo(0.47890383035217743, 12);
    const edtech = r90.segments.find((x) => x.value === 'EdTech')!;
    expect({ won: edtech.won, n: edtech.n }).toEqual({ won: 51, n: 129 });
    expect(edtech.ci![0]).toBeCloseTo(0.3151773752801282, 12);
  });
});

describe('RSFS on the shared data', () => {
  it('changing later outcomes does not change an earlier deal’s RSFS', async () => {
    const before = await queryRsfs(createSqliteStore(db), { dealId: 'D00001' });
    const t = before.assignedAt;
    const c = db.$client;
    c.exec('SAVEPOINT flip');
    c.prepare(
      `UPDATE deals SET outcome = CASE outcome WHEN 'won' THEN 'lost' ELSE 'won' END WHERE closed_date >= ?`,
    ).run(t);
    const after = await queryRsfs(createSqliteStore(db), { dealId: 'D00001' });
    // and an earlier outcome of the same cell does move it (so the check can fail)
    c.prepare(
      `UPDATE deals SET outcome = 'won' WHERE rep_id = ? AND industry = ? AND closed_date < ?`,
    ).run(before.repId, before.industry, t);
    const moved = await queryRsfs(createSqliteStore(db), { dealId: 'D00001' });
    c.exec('ROLLBACK TO flip');
    c.exec('RELEASE flip');
    expect(after.rsfs).toBe(before.rsfs);
    expect(after.ci).toEqual(before.ci);
    expect(after.raw).toEqual(before.raw);
    expect(moved.rsfs).toBeGreaterThan(before.rsfs);
  });
  it('reports the interval, source, flag, percentile and co-lead candidates', async () => {
    const r = await queryRsfs(createSqliteStore(db), { dealId: 'D00001' });
    expect(r.raw).toEqual({ won: 14, n: 27, rate: 14 / 27 });
    expect(r.source).toBe('rep-industry');
    expect(r.ci[0]).toBeLessThan(r.rsfs);
    expect(r.ci[1]).toBeGreaterThan(r.rsfs);
    expect(r.reference.size).toBeGreaterThanOrEqual(200);
    expect(r.coleadCandidates.length).toBeLessThanOrEqual(3);
    expect(r.coleadCandidates.every((x) => x.repId !== r.repId && x.n >= 5)).toBe(true);
  });
});

describe('drivers on the shared data', () => {
  it('reports the validation AUC with a bootstrap interval (near 0.5: the honest answer)', async () => {
    const r = await queryDrivers(createSqliteStore(db), {});
    for (const key of ['rsfs', 'deal', 'combined'] as const) {
      const a = r.auc[key];
      expect(a.value).not.toBeNull();
      expect(a.ci![0]).toBeLessThan(a.value!);
      expect(a.ci![1]).toBeGreaterThan(a.value!);
      expect(a.ci![0]).toBeLessThan(0.5);
      expect(a.ci![1]).toBeGreaterThan(0.5);
    }
    expect(r.validation.n).toBeGreaterThanOrEqual(1000);
    expect(r.training.to! < r.validation.from!).toBe(true);
  });
});
