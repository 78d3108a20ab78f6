/** The reps the store knows, on PostgreSQL (the local workspace's people). */
import { type PgDb, rows } from './database.js';

/** Every rep id on a live (not deleted) deal, each once, in no particular order. */
export async function readLiveRepIds(db: PgDb): Promise<string[]> {
  return (
    await rows<{ id: string }>(
      db.$client,
      'SELECT DISTINCT rep_id AS id FROM deals WHERE deleted_at IS NULL',
    )
  ).map((r) => r.id);
}
