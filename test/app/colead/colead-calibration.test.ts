/**
 * The co-lead lift is calibrated (metrics.md "Co-lead matching" step 4), on the project's
 * own generator through the real metrics run and co-lead batch: on data with no rep ×
 * industry skill at most 5% of cards call a lift credible; with planted skill the true
 * difference (the generator knows it) lies inside the card's interval on at least 90% of
 * cards, and at least 80% are credible. Four seeds each here; `npm run bench:colead` runs 10.
 */
import { describe, expect, it } from 'vitest';
import { type CardTally, runColeadCalibration } from '../../helpers/colead-calibration.js';

const SEEDS = [1, 2, 3, 4];

async function pooled(skillSd: number): Promise<CardTally & { weak: number }> {
  const total = { proposals: 0, credible: 0, covered: 0, weak: 0 };
  for (const seed of SEEDS) {
    const r = await runColeadCalibration({ seed, skillSd });
    total.proposals += r.after.proposals;
    total.credible += r.after.credible;
    total.covered += r.after.covered;
    if (r.evidence.weak) total.weak++;
  }
  return total;
}

describe('co-lead lift calibration on generated deals', () => {
  it('with no skill, at most 5% of proposals call a lift credible, and every batch is weak', async () => {
    const t = await pooled(0);
    expect(t.proposals).toBeGreaterThan(200);
    expect(t.credible / t.proposals).toBeLessThanOrEqual(0.05);
    expect(t.weak).toBe(SEEDS.length);
  }, 120_000);

  it('with planted skill (sd 0.5 log-odds, about 12pp), the truth is inside ≥ 90% of intervals and ≥ 80% are credible', async () => {
    const t = await pooled(0.5);
    expect(t.proposals).toBeGreaterThan(200);
    expect(t.covered / t.proposals).toBeGreaterThanOrEqual(0.9);
    expect(t.credible / t.proposals).toBeGreaterThanOrEqual(0.8);
    expect(t.weak).toBe(0);
  }, 120_000);
});
