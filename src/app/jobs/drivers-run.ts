/**
 * The weekly driver-model refit (the design's "Driver model retrain: weekly, Sunday"):
 * fits the time-split model as of a date and stores it in model_versions, where the digest
 * reads its driver update.
 */
import type { Db } from '../../adapters/storage/database.js';
import { sqliteDealStore } from '../../adapters/storage/deal-queries.js';
import { writeModelVersion } from '../../adapters/storage/metric-writer.js';
import { queryDrivers, resolveAsOf } from '../queries/metric-queries.js';
import type { DriversResult } from '../queries/query-results.js';

export function runDriverModel(db: Db, o: { asOf?: string; now: () => Date }): DriversResult {
  const deals = { deals: sqliteDealStore(db) };
  const asOf = resolveAsOf(deals, o.asOf);
  const drivers = queryDrivers(deals, { asOf });
  writeModelVersion(db, {
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
