/** A volume spike and a model drift as the detectors report them, for alert tests. */
import type { ModelDrift } from '../../src/domain/model-drift.js';
import type { VolumeSpike } from '../../src/domain/volume-spike.js';

export const SPIKE: VolumeSpike = {
  week: { from: '2024-06-24', to: '2024-06-30' },
  count: 90,
  baseline: new Array(12).fill(40),
  median: 40,
  q1: 39,
  q3: 41,
  threshold: 47,
  spike: true,
  possibleDuplicates: { count: 7, ids: ['D1', 'D2', 'D3', 'D4', 'D5'] },
};

export const DRIFT: ModelDrift = {
  version: 'drivers-v1-2024-06-24',
  n: 240,
  tooFew: false,
  observed: 0.21,
  predicted: 0.42,
  expected: [0.36, 0.48],
  miscalibrated: true,
  auc: { value: 0.55, ci: [0.5, 0.6] },
  validationAuc: { value: 0.61, ci: [0.57, 0.65] },
  rankingDropped: false,
  drift: true,
};
