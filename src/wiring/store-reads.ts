/**
 * The reads of the running app that are about the database itself rather than a port of
 * the use cases (GET /healthz and /readyz, App Home's pipeline, the doctor's probe of the
 * open store), for each store kind, so the app serves either store alike. openStore hands
 * them out with the store.
 */

import type { PgDb } from '../adapters/postgres/database.js';
import { probeOpenPostgres } from '../adapters/postgres/database-probe.js';
import { listBlankDeals as listPgBlankDeals } from '../adapters/postgres/hygiene-queries.js';
import { readPgMigrationState } from '../adapters/postgres/migration-state.js';
import {
  pingDatabase as pingPostgres,
  readPipelineHealth as readPgPipelineHealth,
} from '../adapters/postgres/pipeline-health.js';
import { listQuarantine as listPgQuarantine } from '../adapters/postgres/quarantine-queries.js';
import {
  readLastSync as readPgLastSync,
  readStatus as readPgStatus,
} from '../adapters/postgres/status-queries.js';
import type { Db } from '../adapters/storage/database.js';
import { probeOpenDatabase } from '../adapters/storage/database-probe.js';
import { type HygieneListing, listBlankDeals } from '../adapters/storage/hygiene-queries.js';
import { readMigrationState } from '../adapters/storage/migration-state.js';
import { pingDatabase, readPipelineHealth } from '../adapters/storage/pipeline-health.js';
import { listQuarantine, type QuarantineListing } from '../adapters/storage/quarantine-queries.js';
import { readStatus, type StoreStatus } from '../adapters/storage/status-queries.js';
import type { PipelineHealth } from '../app/ports/pipeline-health.js';
import type { DatabaseProbe } from '../app/ports/setup-probes.js';

export interface MigrationsRead {
  state: 'applied' | 'pending' | 'ahead';
  known: number;
  applied: number;
}

export interface LastSync {
  id: number;
  source: string;
  status: string;
  startedAt: string;
}

export interface StoreReads {
  /** a cheap liveness probe */
  ping(): Promise<{ ok: boolean; error?: string }>;
  migrations(): Promise<MigrationsRead>;
  /** the newest import or sync (webhook deliveries aside) and the data's as-of */
  lastSync(): Promise<{ dataAsOf: string | null; last: LastSync | null }>;
  /** App Home's pipeline: flags of the latest scores, old RED deals, hygiene */
  pipelineHealth(): Promise<PipelineHealth>;
  /** the doctor's probe of this open store */
  probe(): DatabaseProbe;
  /** `dealfit status`: deal counts, recent runs, quarantine, hygiene, webhook, emails */
  status(recentRuns?: number): Promise<StoreStatus>;
  /** the quarantined rows of a run (default: the latest with any), `dealfit quarantine` */
  quarantine(options: { runId?: number; limit: number }): Promise<QuarantineListing>;
  /** `dealfit hygiene`: the live deals with each field blank, ids capped at `limit` */
  blankDeals(limit: number): Promise<HygieneListing>;
}

const settle = async <T>(read: () => T): Promise<T> => read();

export function sqliteReads(db: Db): StoreReads {
  return {
    ping: () => settle(() => pingDatabase(db)),
    migrations: () => settle(() => readMigrationState(db)),
    lastSync: () =>
      settle(() => {
        const status = readStatus(db, 1);
        const last = status.lastSyncs[0];
        return {
          dataAsOf: status.dataAsOf,
          last: last
            ? { id: last.id, source: last.source, status: last.status, startedAt: last.startedAt }
            : null,
        };
      }),
    pipelineHealth: () => settle(() => readPipelineHealth(db)),
    probe: () => probeOpenDatabase(db),
    status: (recentRuns) => settle(() => readStatus(db, recentRuns)),
    quarantine: (options) => settle(() => listQuarantine(db, options)),
    blankDeals: (limit) => settle(() => listBlankDeals(db, limit)),
  };
}

export function postgresReads(db: PgDb): StoreReads {
  return {
    ping: () => pingPostgres(db),
    migrations: () => readPgMigrationState(db),
    // two indexed reads, not the whole status (which counts every deal): a load balancer
    // asks this every few seconds
    lastSync: () => readPgLastSync(db),
    pipelineHealth: () => readPgPipelineHealth(db),
    probe: () => probeOpenPostgres(db),
    status: (recentRuns) => readPgStatus(db, recentRuns),
    quarantine: (options) => listPgQuarantine(db, options),
    blankDeals: (limit) => listPgBlankDeals(db, limit),
  };
}
