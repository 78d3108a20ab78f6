/** The PostgreSQL implementation of every store port, over one open pool. */
import type { Store } from '../../app/ports/store.js';
import { pgAlertStore } from './alert-store.js';
import { pgColeadStore } from './colead-store.js';
import { pgConversationStore } from './conversation-store.js';
import type { PgDb } from './database.js';
import { postgresDatabaseReads } from './database-reads.js';
import { pgDealStore } from './deal-queries.js';
import { pgEmailLog } from './email-log-store.js';
import { pgIngestStore } from './ingest-store.js';
import { pgInstanceStore } from './instance-store.js';
import { pgJobLeaseStore } from './job-lease-store.js';
import { pgJobRunLog } from './job-run-store.js';
import { pgMetricStore } from './metric-writer.js';
import { pgOpsStore } from './ops-queries.js';
import { pgSyncStore } from './sync-health.js';

export function createPostgresStore(db: PgDb): Store {
  return {
    deals: pgDealStore(db),
    ingest: pgIngestStore(db),
    jobRuns: pgJobRunLog(db),
    coleads: pgColeadStore(db),
    alerts: pgAlertStore(db),
    metrics: pgMetricStore(db),
    syncs: pgSyncStore(db),
    conversations: pgConversationStore(db),
    emails: pgEmailLog(db),
    leases: pgJobLeaseStore(db),
    instances: pgInstanceStore(db),
    database: postgresDatabaseReads(db),
    ops: pgOpsStore(db),
  };
}
