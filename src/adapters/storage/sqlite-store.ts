/** The SQLite implementation of every store port, over one open database. */
import type { Store } from '../../app/ports/store.js';
import { sqliteAlertStore } from './alert-store.js';
import { sqliteColeadStore } from './colead-store.js';
import { sqliteConversationStore } from './conversation-store.js';
import type { Db } from './database.js';
import { sqliteDatabaseReads } from './database-reads.js';
import { sqliteDealStore } from './deal-queries.js';
import { sqliteEmailLog } from './email-log-store.js';
import { sqliteIngestStore } from './ingest-store.js';
import { sqliteInstanceStore } from './instance-store.js';
import { sqliteJobLeaseStore } from './job-lease-store.js';
import { createJobRunLog } from './job-run-store.js';
import { sqliteMetricStore } from './metric-writer.js';
import { sqliteOpsStore } from './ops-queries.js';
import { sqliteSyncStore } from './sync-health.js';

export function createSqliteStore(db: Db): Store {
  return {
    deals: sqliteDealStore(db),
    ingest: sqliteIngestStore(db),
    jobRuns: createJobRunLog(db),
    coleads: sqliteColeadStore(db),
    alerts: sqliteAlertStore(db),
    metrics: sqliteMetricStore(db),
    syncs: sqliteSyncStore(db),
    conversations: sqliteConversationStore(db),
    emails: sqliteEmailLog(db),
    leases: sqliteJobLeaseStore(db),
    instances: sqliteInstanceStore(db),
    database: sqliteDatabaseReads(db),
    ops: sqliteOpsStore(db),
  };
}
