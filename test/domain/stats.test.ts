import { describe, expect, it } from 'vitest';
import { statFns } from '../../src/app/stat-fns.js';
import {
  benjaminiHochberg,
  quantileSorted,
  twoProportionP,
  wilson,
} from '../../src/domain/stats.js';

describe('wilson', () => {
  it('matches the hand-computed 95% interval for 45 of 100', () => {
    const [lo, hi] = wilson(45, 100)!;
    expect(lo).toBeCloseTo(0.356143, 4);
    expect(hi).toBeCloseTo(0.547554, 5);
  });
  it('stays inside [0, 1] at the edges and is null for n = 0', () => {
    const [lo, hi] = wilson(0, 10)!;
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.277533, 5);
    expect(wilson(10, 10)![1]).toBeCloseTo(1, 12);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('benjaminiHochberg', () => {
  it('rejects every p up to the largest k with p(k) ≤ k/m·q (step-up)', () => {
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.2], 0.1).rejected).toEqual([
      true,
      true,
      true,
      false,
    ]);
    // 0.03 ≤ 2/2·0.05 rescues 0.02 too, although 0.02 alone would be checked at 0.025
    expect(benjaminiHochberg([0.03, 0.02], 0.05).rejected).toEqual([true, true]);
    expect(benjaminiHochberg([0.04, 0.5], 0.05).rejected).toEqual([false, false]);
  });
  it('gives monotone adjusted p-values', () => {
    const { adjusted } = benjaminiHochberg([0.01, 0.04, 0.03, 0.2], 0.1);
    expect(adjusted[0]).toBeCloseTo(0.04, 12);
    expect(adjusted[1]).toBeCloseTo(0.04 * (4 / 3), 12);
    expect(adjusted[2]).toBeCloseTo(0.04 * (4 / 3), 12);
    expect(adjusted[3]).toBeCloseTo(0.2, 12);
  });
});

describe('twoProportionP', () => {
  it('gives the pooled z-test p-value', () => {
    // 60/100 vs 45/100: pooled 0.525, se = sqrt(.525·.475·.02) = 0.070622, z = 2.12398
    expect(twoProportionP(60, 100, 45, 100, statFns)).toBeCloseTo(0.033672, 5);
    expect(twoProportionP(1, 0, 1, 2, statFns)).toBeNull();
  });
});

describe('quantileSorted', () => {
  it('interpolates linearly like numpy', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 12);
  });
});
