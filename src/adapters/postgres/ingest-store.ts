/** The PostgreSQL implementation of the ingestion pipeline's IngestStore port. */

import type { IngestStore } from '../../app/ports/ingest-store.js';
import { type PgDb, rows } from './database.js';
import { createPgDealWriter } from './deal-writer.js';
import { readLastWatermark, readLiveDealIds } from './sync-health.js';

export function pgIngestStore(db: PgDb): IngestStore {
  return {
    openWriter: async (options) => createPgDealWriter(db, options),
    lastWatermark: (source, target) => readLastWatermark(db, source, target),
    liveDealIds: (source) => readLiveDealIds(db, source),
    storedRepId: async (dealId) =>
      (
        await rows<{ rep_id: string }>(db.$client, 'SELECT rep_id FROM deals WHERE id = $1', [
          dealId,
        ])
      )[0]?.rep_id,
  };
}
