/** The reads about the PostgreSQL database itself (the DatabaseReads port), over one pool. */
import type { DatabaseReads } from '../../app/ports/database-reads.js';
import type { PgDb } from './database.js';
import { probeOpenPostgres } from './database-probe.js';
import { listBlankDeals } from './hygiene-queries.js';
import { readPgMigrationState } from './migration-state.js';
import { pingDatabase, readPipelineHealth } from './pipeline-health.js';
import { listQuarantine } from './quarantine-queries.js';
import { readLastSync, readStatus } from './status-queries.js';

export function postgresDatabaseReads(db: PgDb): DatabaseReads {
  return {
    ping: () => pingDatabase(db),
    migrations: () => readPgMigrationState(db),
    // two indexed reads, not the whole status (which counts every deal): a load balancer
    // asks this every few seconds
    lastSync: () => readLastSync(db),
    pipelineHealth: () => readPipelineHealth(db),
    probe: () => probeOpenPostgres(db),
    status: (recentRuns) => readStatus(db, recentRuns),
    quarantine: (options) => listQuarantine(db, options),
    blankDeals: (limit) => listBlankDeals(db, limit),
  };
}
