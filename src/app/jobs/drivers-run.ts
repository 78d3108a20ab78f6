/**
 * The weekly driver-model refit (the design's "Driver model retrain: weekly, Sunday"):
 * fits the time-split model as of a date and stores it in model_versions, where the digest
 * reads its driver update.
 */
import type { Store } from '../ports/store.js';
import { queryDrivers, resolveAsOf } from '../queries/metric-queries.js';
import type { DriversResult } from '../queries/query-results.js';

export async function runDriverModel(
  store: Pick<Store, 'deals' | 'metrics'>,
  o: { asOf?: string; now: () => Date },
): Promise<DriversResult> {
  const asOf = await resolveAsOf(store, o.asOf);
  const drivers = await queryDrivers(store, { asOf });
  await store.metrics.writeModelVersion({
    asOf,
    computedAt: o.now().toISOString(),
    model: {
      version: drivers.version,
      trainFrom: drivers.training.from,
      trainTo: drivers.training.to,
      validFrom: drivers.validation.from,
      validTo: drivers.validation.to,
      nTrain: drivers.training.n,
      nValid: drivers.validation.n,
      aucRsfs: drivers.auc.rsfs.value,
      aucDeal: drivers.auc.deal.value,
      aucCombined: drivers.auc.combined.value,
      result: drivers,
    },
  });
  return drivers;
}
