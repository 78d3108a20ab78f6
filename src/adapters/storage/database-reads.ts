/** The reads about the SQLite database itself (the DatabaseReads port), over one open file. */
import type { DatabaseReads } from '../../app/ports/database-reads.js';
import type { Db } from './database.js';
import { probeOpenDatabase } from './database-probe.js';
import { listBlankDeals } from './hygiene-queries.js';
import { readMigrationState } from './migration-state.js';
import { pingDatabase, readPipelineHealth } from './pipeline-health.js';
import { listQuarantine } from './quarantine-queries.js';
import { readLastSync, readStatus } from './status-queries.js';

/** better-sqlite3 answers at once; a throw becomes a rejection, as on a networked store */
const settle = async <T>(read: () => T): Promise<T> => read();

export function sqliteDatabaseReads(db: Db): DatabaseReads {
  return {
    ping: () => settle(() => pingDatabase(db)),
    migrations: () => settle(() => readMigrationState(db)),
    lastSync: () => settle(() => readLastSync(db)),
    pipelineHealth: () => settle(() => readPipelineHealth(db)),
    probe: () => probeOpenDatabase(db),
    status: (recentRuns) => settle(() => readStatus(db, recentRuns)),
    quarantine: (options) => settle(() => listQuarantine(db, options)),
    blankDeals: (limit) => settle(() => listBlankDeals(db, limit)),
  };
}
