/**
 * On generated data with a planted rep × industry skill, RSFS must carry signal the
 * validation AUC interval can see; without the effect it must not.
 */
import { describe, expect, it } from 'vitest';
import { dealTableFrom } from '../../../src/domain/deal-table.js';
import {
  DEFAULT_DEMO_OPTIONS,
  generateDemoDeals,
  NO_EFFECTS,
} from '../../../src/domain/demo-deals.js';
import { computeDrivers } from '../../../src/domain/drivers.js';
import { FitIndex, scoreAllDeals } from '../../../src/domain/fit-score.js';

function driversOn(skillSd: number) {
  const options = {
    ...DEFAULT_DEMO_OPTIONS,
    deals: 10_000,
    seed: 7,
    effects: { ...NO_EFFECTS, repIndustrySkillSd: skillSd },
  };
  const table = dealTableFrom(generateDemoDeals(options), options.end);
  return computeDrivers(table, scoreAllDeals(new FitIndex(table)).rsfs);
}

describe('driver model on generated data', () => {
  it('puts the rsfs AUC interval above 0.5 when skill is planted', () => {
    const r = driversOn(0.6);
    expect(r.auc.rsfs.ci![0]).toBeGreaterThan(0.5);
    expect(r.auc.combined.ci![0]).toBeGreaterThan(0.5);
    const rsfsOr = r.oddsRatios.find((o) => o.feature.startsWith('rsfs'))!;
    expect(rsfsOr.ci[0]).toBeGreaterThan(1);
  });
  it('keeps the rsfs AUC interval around 0.5 without it', () => {
    const r = driversOn(0);
    expect(r.auc.rsfs.ci![0]).toBeLessThan(0.5);
    expect(r.auc.rsfs.ci![1]).toBeGreaterThan(0.5);
  });
});
