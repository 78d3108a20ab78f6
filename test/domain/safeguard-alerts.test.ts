import { describe, expect, it } from 'vitest';
import { modelDriftAlert, volumeSpikeAlert } from '../../src/domain/safeguard-alerts.js';
import { DRIFT, SPIKE } from '../helpers/safeguard-fixtures.js';

const spike = SPIKE;
const drift = DRIFT;

describe('safeguard alerts', () => {
  it('a volume spike is a MEDIUM ops alert keyed by its week, naming c, m and the possible duplicates', () => {
    const a = volumeSpikeAlert(spike)!;
    expect(a).toMatchObject({
      key: 'volume-spike:2024-06-24',
      type: 'volume-spike',
      severity: 'MEDIUM',
      destination: 'ops',
      figure: 90,
      baseline: 40,
    });
    expect(a.context.join(' ')).toContain('7 of the week');
    expect(a.context.join(' ')).toContain('D1, D2, D3, D4, D5, …');
    expect(volumeSpikeAlert({ ...spike, spike: false })).toBeNull();
  });

  it('model drift is a LOW ops alert keyed by the model version, saying which check failed', () => {
    const a = modelDriftAlert(drift)!;
    expect(a).toMatchObject({
      key: 'model-drift:drivers-v1-2024-06-24',
      severity: 'LOW',
      destination: 'ops',
      n: 240,
      ci: [0.36, 0.48],
    });
    expect(a.context).toHaveLength(1);
    expect(a.context[0]).toContain('21.0% of 240 deals');
    expect(modelDriftAlert({ ...drift, drift: false, miscalibrated: false })).toBeNull();
    const ranking = modelDriftAlert({
      ...drift,
      miscalibrated: false,
      rankingDropped: true,
      auc: { value: 0.5, ci: [0.45, 0.55] },
    })!;
    expect(ranking.context[0]).toContain('below the validation AUC');
  });
});
