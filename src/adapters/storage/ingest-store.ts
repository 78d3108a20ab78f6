/** The SQLite implementation of the ingestion pipeline's IngestStore port. */
import type { IngestStore } from '../../app/ports/ingest-store.js';
import type { Db } from './database.js';
import { createDealWriter } from './deal-writer.js';
import { readLastWatermark, readLiveDealIds } from './sync-health.js';

export function sqliteIngestStore(db: Db): IngestStore {
  // prepared once per store, on first use: the store may be built before the migrations ran
  let repIdOf: { get(id: string): unknown } | undefined;
  return {
    openWriter: async (options) => createDealWriter(db, options),
    lastWatermark: async (source, target) => readLastWatermark(db, source, target),
    liveDealIds: async (source) => readLiveDealIds(db, source),
    async storedRepId(dealId) {
      repIdOf ??= db.$client.prepare('SELECT rep_id FROM deals WHERE id = ?').pluck();
      return repIdOf.get(dealId) as string | undefined;
    },
  };
}
