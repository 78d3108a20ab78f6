/** The SQLite implementation of every store port, over one open database. */
import type { Store } from '../../app/ports/store.js';
import type { Db } from './database.js';
import { sqliteDealStore } from './deal-queries.js';
import { sqliteIngestStore } from './ingest-store.js';
import { createJobRunLog } from './job-run-store.js';

export function createSqliteStore(db: Db): Store {
  return {
    deals: sqliteDealStore(db),
    ingest: sqliteIngestStore(db),
    jobRuns: createJobRunLog(db),
  };
}
