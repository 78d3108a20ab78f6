/**
 * The fit evidence of the driver model in use (the latest stored run), for the co-lead
 * batch, App Home and the digest: one reading of it, so every surface says the same.
 */
import type { DriversResult } from '../../domain/drivers.js';
import { type FitEvidence, fitEvidence } from '../../domain/fit-evidence.js';
import type { Store } from '../ports/store.js';

export function storedFitEvidence(store: Pick<Store, 'metrics'>): FitEvidence {
  const latest = store.metrics.latestDriversResult();
  return fitEvidence(latest ? (JSON.parse(latest) as DriversResult) : null);
}
