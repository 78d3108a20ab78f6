import { describe, expect, it } from 'vitest';
import { statFns } from '../../src/app/stat-fns.js';
import { addDays, toDayNumber } from '../../src/domain/dates.js';
import type { Deal } from '../../src/domain/deal.js';
import { dealTableFrom } from '../../src/domain/deal-table.js';
import {
  combine,
  estimateK,
  FitIndex,
  fitInterval,
  flagOf,
  rankColeadCandidates,
  referenceSet,
  scoreAllDeals,
} from '../../src/domain/fit-score.js';
import { deal } from '../helpers/deal-fixtures.js';

describe('estimateK (beta-binomial method of moments)', () => {
  it('solves ρ from the cells and returns k = (1 − ρ)/ρ', () => {
    // p = .5, S/(pq) = 800, A = 100, B = 9900: ρ = 7/99, k = 92/7
    const r = estimateK([
      { won: 40, n: 100 },
      { won: 60, n: 100 },
    ]);
    expect(r.rho).toBeCloseTo(7 / 99, 12);
    expect(r.k).toBeCloseTo(92 / 7, 12);
  });
  it('pools fully (k = 200) when there is no spread beyond chance', () => {
    expect(
      estimateK([
        { won: 4, n: 10 },
        { won: 6, n: 10 },
      ]).k,
    ).toBe(200);
  });
  it('clamps a huge spread to k = 5', () => {
    expect(
      estimateK([
        { won: 0, n: 10 },
        { won: 10, n: 10 },
      ]).k,
    ).toBe(5);
  });
  it('falls back to k = 20 with fewer than 2 cells or a pooled rate of 0 or 1', () => {
    expect(estimateK([{ won: 3, n: 10 }]).k).toBe(20);
    expect(estimateK([]).k).toBe(20);
    expect(
      estimateK([
        { won: 0, n: 10 },
        { won: 0, n: 4 },
      ]).k,
    ).toBe(20);
    expect(
      estimateK([
        { won: 10, n: 10 },
        { won: 4, n: 4 },
      ]).k,
    ).toBe(20);
  });
});

describe('combine (partial pooling)', () => {
  it('shrinks cell → rep with k, and rep → global with k_rep', () => {
    const s = combine({ won: 3, n: 4 }, { won: 10, n: 20 }, { won: 40, n: 100 }, 10, 30);
    const repRate = (10 + 30 * 0.4) / 50;
    expect(s.kRep).toBe(30);
    expect(s.repRate).toBeCloseTo(repRate, 12);
    expect(s.rsfs).toBeCloseTo((3 + 10 * repRate) / 14, 12);
    expect(s.source).toBe('rep');
    expect(s.alpha + s.beta).toBeCloseTo(14, 12);
    const [lo, hi] = fitInterval(s, statFns);
    expect(lo).toBeLessThan(s.rsfs);
    expect(hi).toBeGreaterThan(s.rsfs);
    expect(statFns.betaQuantile(0.05, s.alpha, s.beta)).toBe(lo);
    // the prior mean's own uncertainty adds to the Beta posterior's
    const betaVar = (s.alpha * s.beta) / (14 * 14 * 15);
    const repRateVar = (repRate * (1 - repRate)) / 51 + (30 / 50) ** 2 * ((0.4 * 0.6) / 101);
    expect(s.variance).toBeCloseTo(betaVar + (10 / 14) ** 2 * repRateVar, 12);
    expect(s.variance).toBeGreaterThan(betaVar);
  });
  it('gives a point interval when every closed deal won (or lost): no NaN to store', () => {
    // all won: global 1, repRate 1, beta 0
    const allWon = combine({ won: 2, n: 2 }, { won: 2, n: 2 }, { won: 2, n: 2 }, 20, 20);
    expect(allWon.beta).toBe(0);
    expect(fitInterval(allWon, statFns)).toEqual([1, 1]);
    const allLost = combine({ won: 0, n: 2 }, { won: 0, n: 2 }, { won: 0, n: 2 }, 20, 20);
    expect(fitInterval(allLost, statFns)).toEqual([0, 0]);
  });
  it('names the source by n', () => {
    expect(combine({ won: 3, n: 5 }, { won: 3, n: 5 }, { won: 1, n: 2 }, 20, 20).source).toBe(
      'rep-industry',
    );
    expect(combine({ won: 0, n: 0 }, { won: 1, n: 4 }, { won: 1, n: 2 }, 20, 20).source).toBe(
      'global',
    );
  });
});

function history(): Deal[] {
  const out: Deal[] = [];
  for (let i = 0; i < 30; i++) {
    const created = addDays('2023-06-01', i * 5);
    for (const [repId, industry, winEvery] of [
      ['rep_1', 'SaaS', 2],
      ['rep_2', 'SaaS', 3],
      ['rep_1', 'FinTech', 4],
      ['rep_3', 'SaaS', 1],
    ] as const) {
      out.push(
        deal({
          id: `${repId}-${industry}-${i}`,
          repId,
          industry,
          createdDate: created,
          closedDate: addDays(created, 20),
          outcome: i % winEvery === 0 ? 'won' : 'lost',
        }),
      );
    }
  }
  return out;
}

describe('RSFS without leakage', () => {
  const target = deal({
    id: 'TARGET',
    repId: 'rep_1',
    industry: 'SaaS',
    createdDate: '2023-08-01',
    outcome: null,
  });
  const rsfsOf = (all: Deal[]) => {
    const table = dealTableFrom(all, '2024-06-30');
    const index = new FitIndex(table);
    const i = table.ids.indexOf('TARGET');
    return index.score(table.codes.rep[i]!, table.codes.industry[i]!, table.assigned[i]!);
  };
  it('ignores every outcome closed on or after the assignment day', () => {
    const base = history();
    const before = rsfsOf([...base, target]);
    // flip every outcome closed on or after 2023-08-01, in every cell (k and global too)
    const flipped = base.map((d) =>
      d.closedDate! >= '2023-08-01'
        ? { ...d, outcome: d.outcome === 'won' ? ('lost' as const) : ('won' as const) }
        : d,
    );
    const after = rsfsOf([...flipped, target]);
    expect(after.rsfs).toBe(before.rsfs);
    expect(after.k).toBe(before.k);
    expect(before.raw.n).toBeGreaterThan(5);
  });
  it('does move when an earlier outcome changes (the test above can fail)', () => {
    const base = history();
    const before = rsfsOf([...base, target]);
    const flippedEarly = base.map((d) =>
      d.repId === 'rep_1' && d.industry === 'SaaS' && d.closedDate! < '2023-08-01'
        ? { ...d, outcome: 'won' as const }
        : d,
    );
    expect(rsfsOf([...flippedEarly, target]).rsfs).toBeGreaterThan(before.rsfs);
  });
  it('uses the re-assignment date as t', () => {
    const moved = { ...target, assignedDate: '2024-01-15' };
    const a = rsfsOf([...history(), target]);
    const b = rsfsOf([...history(), moved]);
    expect(b.raw.n).toBeGreaterThan(a.raw.n);
  });
});

describe('flags and co-lead candidates', () => {
  const table = dealTableFrom([...history()], '2024-06-30');
  const index = new FitIndex(table);
  const { rsfs } = scoreAllDeals(index);
  it('extends the reference set back, a whole day at a time, until it holds 200 deals', () => {
    // 150 deals in the last 90 days, then 3 a day going back
    const recent = Array.from({ length: 150 }, (_, i) =>
      deal({ createdDate: addDays('2024-06-30', -(i % 80)), outcome: null }),
    );
    const older = Array.from({ length: 90 }, (_, i) =>
      deal({ createdDate: addDays('2024-04-01', -Math.floor(i / 3) - 1), outcome: null }),
    );
    const t = dealTableFrom([...recent, ...older], '2024-06-30');
    const ref = referenceSet(t, new Float64Array(t.size));
    // 150 + 17 days × 3 = 201: the 17th day completes the 200
    expect(ref.sorted.length).toBe(201);
    expect(ref.from).toBe(toDayNumber(addDays('2024-04-01', -17)));
    expect(ref.to).toBe(toDayNumber('2024-06-30'));
    const big = referenceSet(table, rsfs);
    expect(big.sorted.length).toBe(table.size);
  });
  it('scores every deal in one sweep exactly as one at a time', () => {
    const mixed = dealTableFrom(
      [
        ...history(),
        deal({
          repId: 'rep_2',
          industry: 'FinTech',
          createdDate: '2023-09-09',
          assignedDate: '2023-12-24',
          outcome: null,
        }),
        deal({ repId: 'rep_9', industry: 'SaaS', createdDate: '2023-07-01', outcome: null }),
      ],
      '2024-06-30',
    );
    const idx = new FitIndex(mixed);
    const all = scoreAllDeals(idx);
    for (let i = 0; i < mixed.size; i++) {
      const one = idx.score(mixed.codes.rep[i]!, mixed.codes.industry[i]!, mixed.assigned[i]!);
      expect(all.rsfs[i]).toBe(one.rsfs);
      expect(all.rawN[i]).toBe(one.raw.n);
    }
  });
  it('flags by the reference quartiles with a mid-rank percentile', () => {
    const ref = { sorted: Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]), from: 0, to: 0 };
    expect(flagOf(0.15, ref)).toEqual({ flag: 'RED', percentile: 20 });
    expect(flagOf(0.3, ref)).toEqual({ flag: 'GREEN', percentile: 50 });
    expect(flagOf(0.25, ref).flag).toBe('YELLOW');
  });
  it('ranks other reps with ≥ 5 deals in the industry by their rsfs at t', () => {
    const t = toDayNumber('2024-01-01');
    const c = rankColeadCandidates(index, 'rep_1', 'SaaS', t);
    expect(c.map((x) => x.repId)).toEqual(['rep_3', 'rep_2']);
    expect(c[0]!.rsfs).toBeGreaterThan(c[1]!.rsfs);
  });
});
