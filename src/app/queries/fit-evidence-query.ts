/**
 * The fit evidence of the driver model in use (the latest stored run), for the co-lead
 * batch and App Home; the digest reads the same sentence from the driver result it already
 * holds (domain/digest-words.ts), so every surface says the same.
 */
import type { DriversResult } from '../../domain/drivers.js';
import { type FitEvidence, fitEvidence } from '../../domain/fit-evidence.js';
import type { MetricStore } from '../ports/metric-store.js';

export async function storedFitEvidence(store: {
  metrics: Pick<MetricStore, 'latestDriversResult'>;
}): Promise<FitEvidence> {
  const latest = await store.metrics.latestDriversResult();
  return fitEvidence(latest ? (JSON.parse(latest) as DriversResult) : null);
}
