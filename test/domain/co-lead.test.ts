import { describe, expect, it } from 'vitest';
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
  it('is the rsfs difference with a 90% interval from both Beta posteriors', () => {
    // Beta(30, 30) and Beta(15, 45): variances 0.25/61 and 0.1875/61
    const a = { repId: 'a', rsfs: 0.5, n: 20, alpha: 30, beta: 30 };
    const b = { repId: 'b', rsfs: 0.25, n: 20, alpha: 15, beta: 45 };
    const lift = expectedLift(a, b);
    const sd = Math.sqrt(0.25 / 61 + 0.1875 / 61);
    expect(lift.value).toBeCloseTo(0.25, 12);
    expect(lift.ci[0]).toBeCloseTo(0.25 - 1.6448536 * sd, 6);
    expect(lift.ci[1]).toBeCloseTo(0.25 + 1.6448536 * sd, 6);
    expect(lift.withinChance).toBe(false);
  });

  it('says "within chance" when the interval includes 0', () => {
    const lift = expectedLift(repFit('a', 0.5, 10, 20), repFit('b', 0.45, 10, 20));
    expect(lift.withinChance).toBe(true);
  });
});
