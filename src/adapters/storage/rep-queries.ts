/** The reps the store knows, for the local workspace's people (one Slack user per rep). */
import { isNull } from 'drizzle-orm';
import type { Db } from './database.js';
import { deals } from './schema.js';

/** Every rep id on a live (not deleted) deal, each once, in no particular order. */
export function readLiveRepIds(db: Db): string[] {
  return db
    .selectDistinct({ id: deals.repId })
    .from(deals)
    .where(isNull(deals.deletedAt))
    .all()
    .map((r) => r.id);
}
