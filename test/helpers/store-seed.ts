/**
 * Seeding a store through its ports, so a test body runs on every store kind
 * (helpers/stores.ts): deals and sync runs written by the DealWriter, as an import or a
 * sync writes them. The drizzle twins (load-deals.ts `insertDeals`, colead-fixtures.ts
 * `seedOpenDeals`) stay for the SQLite-only app tests.
 */

import { noCounts } from '../../src/app/ports/ingest-source.js';
import type { RunOutcome } from '../../src/app/ports/ingest-store.js';
import type { Store } from '../../src/app/ports/store.js';
import type { Deal } from '../../src/domain/deal.js';

/** Writes the deals (ids distinct) in one run of source 'test', as an import does. */
export async function writeDeals(
  store: Pick<Store, 'ingest'>,
  deals: readonly Deal[],
): Promise<void> {
  const at = '2024-06-30T00:00:00.000Z';
  const writer = await store.ingest.openWriter();
  await writer.begin();
  const run = await writer.createRun('test', 'test', at);
  await writer.upsertMany(deals, 'test', run, at);
  const outcome = { watermark: null, error: null, dataAsOf: null };
  await writer.finishRun(run, 'succeeded', at, noCounts(), outcome);
  await writer.commit();
}

/** An open HealthTech deal of 42,300, as the co-lead tests' deals are. */
export const openDeal = (id: string, repId: string): Deal => ({
  id,
  createdDate: '2024-05-14',
  closedDate: null,
  assignedDate: null,
  repId,
  industry: 'HealthTech',
  region: 'APAC',
  product: 'Core',
  leadSource: 'Outbound',
  stage: 'Proposal',
  amount: 42_300,
  cycleDays: null,
  outcome: null,
});

/** Open deals by owner, so the workload cap has something to count (colead-fixtures' `seedOpenDeals`). */
export function seedOpenDealsIn(
  store: Pick<Store, 'ingest'>,
  ownerByDeal: Record<string, string>,
): Promise<void> {
  return writeDeals(
    store,
    Object.entries(ownerByDeal).map(([id, repId]) => openDeal(id, repId)),
  );
}

export interface SeededRun extends Partial<RunOutcome> {
  source?: string;
  target?: string;
  startedAt: string;
  /** 'running': created and never finished */
  status: 'succeeded' | 'failed' | 'running';
  finishedAt?: string;
}

/** A sync_runs row as a sync leaves it: started, and finished with its outcome. */
export async function recordRun(store: Pick<Store, 'ingest'>, run: SeededRun): Promise<void> {
  const writer = await store.ingest.openWriter();
  await writer.begin();
  const id = await writer.createRun(
    run.source ?? 'salesforce',
    run.target ?? 'acme',
    run.startedAt,
  );
  if (run.status !== 'running') {
    const outcome = {
      watermark: run.watermark ?? null,
      error: run.error ?? null,
      dataAsOf: run.dataAsOf ?? null,
    };
    const counts = noCounts();
    await writer.finishRun(id, run.status, run.finishedAt ?? null, counts, outcome);
  }
  await writer.commit();
}
