/**
 * Every store the use cases reach, behind one object: the storage adapter builds it
 * (adapters/storage/sqlite-store.ts) and the wiring hands it, or the part a use case needs
 * (`Pick<Store, 'deals'>`), to the use cases. Each member is a port of its own file.
 */
import type { AlertStore } from './alert-store.js';
import type { ColeadStore } from './colead-store.js';
import type { ConversationStore } from './conversation-store.js';
import type { DatabaseReads } from './database-reads.js';
import type { DealStore } from './deal-store.js';
import type { EmailLog } from './email-log.js';
import type { IngestStore } from './ingest-store.js';
import type { InstanceStore } from './instance-store.js';
import type { JobLeaseStore } from './job-lease-store.js';
import type { JobRunLog } from './job-run-log.js';
import type { MetricStore } from './metric-store.js';
import type { OpsStore } from './ops-store.js';
import type { SyncStore } from './sync-store.js';

export interface Store {
  deals: DealStore;
  ingest: IngestStore;
  jobRuns: JobRunLog;
  coleads: ColeadStore;
  alerts: AlertStore;
  metrics: MetricStore;
  syncs: SyncStore;
  conversations: ConversationStore;
  emails: EmailLog;
  /** which instance runs each job slot (several instances, one run per slot) */
  leases: JobLeaseStore;
  /** the processes serving this database, with their heartbeats */
  instances: InstanceStore;
  /** the counts behind GET /metrics */
  ops: OpsStore;
  /** the reads about the database itself: health, status, quarantine, hygiene, the probe */
  database: DatabaseReads;
}
