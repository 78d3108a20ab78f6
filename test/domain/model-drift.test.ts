import { describe, expect, it } from 'vitest';
import { dealTableFrom } from '../../src/domain/deal-table.js';
import { DEFAULT_DEMO_OPTIONS, generateDemoDeals } from '../../src/domain/demo-deals.js';
import { computeDrivers } from '../../src/domain/drivers.js';
import { FitIndex, scoreAllDeals } from '../../src/domain/fit-score.js';
import { DRIFT_MIN_DEALS, detectModelDrift, predictWin } from '../../src/domain/model-drift.js';

/** generated deals with a planted lead-source effect, the model fitted as of `fitAsOf` */
function setup() {
  const deals = [
    ...generateDemoDeals({
      ...DEFAULT_DEMO_OPTIONS,
      deals: 8000,
      end: '2024-06-30',
      effects: { ...DEFAULT_DEMO_OPTIONS.effects, slowDeclinePp: 0 },
    }),
  ];
  const fitAsOf = '2024-01-31';
  const early = dealTableFrom(deals, fitAsOf);
  const drivers = computeDrivers(early, scoreAllDeals(new FitIndex(early)).rsfs);
  const now = dealTableFrom(deals, '2024-06-30');
  const rsfs = scoreAllDeals(new FitIndex(now)).rsfs;
  const model = {
    version: drivers.version,
    fitted: drivers.model!,
    validTo: drivers.validation.to!,
    validationAuc: drivers.auc.combined,
  };
  return { now, rsfs, model, drivers };
}

describe('detectModelDrift (metrics.md model drift)', () => {
  it('scores an unseen deal the way the fitted model does, and finds no drift on the same process', () => {
    const { now, rsfs, model, drivers } = setup();
    expect(drivers.model).not.toBeNull();
    const p = predictWin(model.fitted, now, 0, rsfs[0]!);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    const d = detectModelDrift(now, rsfs, model);
    expect(d.n).toBeGreaterThanOrEqual(DRIFT_MIN_DEALS);
    expect(d.tooFew).toBe(false);
    expect(d.observed).toBeGreaterThan(d.expected![0]);
    expect(d.observed).toBeLessThan(d.expected![1]);
    expect(d.drift).toBe(false);
  });

  it('flags a calibration drift when the deals since the window win far less than predicted', () => {
    const { now, rsfs, model } = setup();
    const after = Date.parse(model.validTo) / 86_400_000;
    // the world changed: every second deal won since the window is now lost
    let k = 0;
    for (let i = 0; i < now.size; i++)
      if (now.assigned[i]! > after && now.won[i] === 1 && k++ % 2 === 0) now.won[i] = 0;
    const d = detectModelDrift(now, rsfs, model);
    expect(d.miscalibrated).toBe(true);
    expect(d.observed).toBeLessThan(d.expected![0]);
    expect(d.drift).toBe(true);
  });

  it('makes no check with fewer than 100 deals since the window', () => {
    const { now, rsfs, model } = setup();
    const d = detectModelDrift(now, rsfs, { ...model, validTo: '2024-06-25' });
    expect(d).toMatchObject({ tooFew: true, drift: false, observed: null });
    expect(d.auc.undefinedReason).toMatch(/need 100/);
  });
});
