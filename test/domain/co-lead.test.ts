import { describe, expect, it } from 'vitest';
import { statFns } from '../../src/app/stat-fns.js';
import {
  advisoryCap,
  expectedLift,
  type MatchInput,
  matchColead,
  type RepFit,
} from '../../src/domain/co-lead.js';

function repFit(repId: string, rsfs: number, n = 20, strength = 40): RepFit {
  return { repId, rsfs, n, alpha: rsfs * (n + strength), beta: (1 - rsfs) * (n + strength) };
}

const owner = repFit('rep_1', 0.3);
const fits = [
  owner,
  repFit('rep_2', 0.6),
  repFit('rep_10', 0.55),
  repFit('rep_3', 0.5),
  repFit('rep_4', 0.45),
  repFit('rep_5', 0.9, 3), // too few deals in the industry to qualify
];

function input(overrides: Partial<MatchInput> = {}): MatchInput {
  return {
    ownerRepId: 'rep_1',
    owner,
    fits,
    loads: new Map(),
    lastChosenInIndustry: null,
    capRatio: 0.8,
    fns: statFns,
    ...overrides,
  };
}

describe('advisoryCap', () => {
  it('is ceil(ratio x own open deals), at least 1', () => {
    expect(advisoryCap(10, 0.8)).toBe(8);
    expect(advisoryCap(3, 0.8)).toBe(3);
    expect(advisoryCap(0, 0.8)).toBe(1);
  });
});

describe('matchColead', () => {
  it('ranks by rsfs, skips the owner and reps under 5 deals, and names two alternates', () => {
    const result = matchColead(input());
    expect(result.ranked.map((f) => f.repId)).toEqual(['rep_2', 'rep_10', 'rep_3', 'rep_4']);
    expect(result.coleadRepId).toBe('rep_2');
    expect(result.alternates).toEqual(['rep_10', 'rep_3']);
  });

  it('breaks rsfs ties by more deals, then by rep id in numeric order', () => {
    const tied = [repFit('rep_10', 0.5, 20), repFit('rep_9', 0.5, 20), repFit('rep_8', 0.5, 30)];
    const result = matchColead(input({ fits: tied }));
    expect(result.ranked.map((f) => f.repId)).toEqual(['rep_8', 'rep_9', 'rep_10']);
  });

  it('rotates round-robin after the last rep chosen in the industry', () => {
    expect(matchColead(input({ lastChosenInIndustry: 'rep_2' })).coleadRepId).toBe('rep_10');
    expect(matchColead(input({ lastChosenInIndustry: 'rep_3' })).coleadRepId).toBe('rep_2');
    // a last choice outside the top 3 starts from the top
    expect(matchColead(input({ lastChosenInIndustry: 'rep_4' })).coleadRepId).toBe('rep_2');
  });

  it('skips reps at their cap, then goes down the ranked list, then proposes none and says why', () => {
    const full = { activeAdvisory: 2, ownOpen: 2 }; // cap ceil(1.6) = 2: full
    const loads = new Map([
      ['rep_2', full],
      ['rep_10', full],
    ]);
    expect(matchColead(input({ loads })).coleadRepId).toBe('rep_3');
    loads.set('rep_3', full);
    const fourth = matchColead(input({ loads }));
    expect(fourth.coleadRepId).toBe('rep_4');
    expect(fourth.reason).toContain('top 3 are at their co-lead cap');
    loads.set('rep_4', full);
    const none = matchColead(input({ loads }));
    expect(none.coleadRepId).toBeNull();
    expect(none.lift).toBeNull();
    expect(none.reason).toContain('at their co-lead cap');
  });

  it('proposes none when no other rep qualifies', () => {
    const result = matchColead(input({ fits: [owner, repFit('rep_5', 0.9, 4)] }));
    expect(result.coleadRepId).toBeNull();
    expect(result.reason).toContain('5+ closed deals');
  });
});

describe('expectedLift', () => {
  it('with one candidate: a 90% interval from both variances (Beta posteriors on old cards)', () => {
    // Beta(30, 30) and Beta(15, 45): variances 0.25/61 and 0.1875/61
    const a = { repId: 'a', rsfs: 0.5, n: 20, alpha: 30, beta: 30 };
    const b = { repId: 'b', rsfs: 0.25, n: 20, alpha: 15, beta: 45 };
    const lift = expectedLift(a, b, 1, statFns);
    const sd = Math.sqrt(0.25 / 61 + 0.1875 / 61);
    expect(lift.value).toBeCloseTo(0.25, 12);
    expect(lift.ci[0]).toBeCloseTo(0.25 - 1.6448536 * sd, 6);
    expect(lift.ci[1]).toBeCloseTo(0.25 + 1.6448536 * sd, 6);
    expect(lift).toMatchObject({ credible: true, withinChance: false, candidates: 1, level: 0.9 });
  });

  it('uses the variance with the prior mean included, when the fit carries it', () => {
    const a = { repId: 'a', rsfs: 0.5, n: 20, alpha: 30, beta: 30, variance: 0.01 };
    const b = { repId: 'b', rsfs: 0.25, n: 20, alpha: 15, beta: 45, variance: 0.0125 };
    const lift = expectedLift(a, b, 1, statFns);
    expect(lift.ci[1] - lift.value).toBeCloseTo(1.6448536 * Math.sqrt(0.0225), 6);
  });

  it('widens to level 1 − 0.10/m for the best of m candidates (Bonferroni)', () => {
    const a = { repId: 'a', rsfs: 0.5, n: 20, alpha: 30, beta: 30, variance: 0.0015 };
    const b = { repId: 'b', rsfs: 0.4, n: 20, alpha: 24, beta: 36, variance: 0.0015 };
    const one = expectedLift(a, b, 1, statFns);
    const best = expectedLift(a, b, 20, statFns);
    // z at 1 − 0.005/2 = 0.9975
    expect(best.level).toBeCloseTo(0.995, 12);
    expect(best.ci[1] - best.value).toBeCloseTo(2.8070337683 * Math.sqrt(0.003), 6);
    // credible as the only candidate, within chance as the best of 20
    expect(one.credible).toBe(true);
    expect(best).toMatchObject({ credible: false, withinChance: true, candidates: 20 });
  });

  it('says "within chance" when the interval includes 0', () => {
    const lift = expectedLift(repFit('a', 0.5, 10, 20), repFit('b', 0.45, 10, 20), 1, statFns);
    expect(lift).toMatchObject({ withinChance: true, credible: false });
  });
});
