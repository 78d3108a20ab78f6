/**
 * The figures of the design's two safeguards, computed after each metrics run on its
 * scoring context: the volume spike (this week's new deals against the 12 before) and the
 * drift of the driver model in use (the newest stored fit) on the deals closed since its
 * validation window. The sweep turns them into alerts (domain/safeguard-alerts.ts).
 */
import type { DriversResult } from '../../domain/drivers.js';
import { detectModelDrift, type ModelDrift } from '../../domain/model-drift.js';
import { detectVolumeSpike, type VolumeSpike } from '../../domain/volume-spike.js';
import type { ScoringContext } from '../queries/scoring.js';

export interface Safeguards {
  volumeSpike: VolumeSpike;
  /** null: no driver model fitted yet, or one without a fitted model or validation window */
  modelDrift: ModelDrift | null;
}

export function computeSafeguards(ctx: ScoringContext, latestDrivers: string | null): Safeguards {
  const drivers = latestDrivers ? (JSON.parse(latestDrivers) as Partial<DriversResult>) : null;
  const model = drivers?.model;
  const validTo = drivers?.validation?.to;
  return {
    volumeSpike: detectVolumeSpike(ctx.table),
    modelDrift:
      model && validTo && drivers.auc && drivers.version
        ? detectModelDrift(ctx.table, ctx.rsfs, {
            version: drivers.version,
            fitted: model,
            validTo,
            validationAuc: drivers.auc.combined,
          })
        : null,
  };
}
