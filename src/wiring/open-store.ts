/**
 * The one place a store is chosen and opened: the PostgreSQL database at `databaseUrl`
 * (DATABASE_URL) when it is set, else the SQLite file at `dbPath` (the embedded default).
 * Everything else receives the `Store` and its asynchronous ports, never a database handle.
 */
import { closePostgres, describeUrl, openPostgres } from '../adapters/postgres/database.js';
import { createPostgresStore } from '../adapters/postgres/postgres-store.js';

import { closeDatabase, type OpenOptions, openDatabase } from '../adapters/storage/database.js';
import { createSqliteStore } from '../adapters/storage/sqlite-store.js';
import type { Store } from '../app/ports/store.js';
import type { Config } from '../config.js';
import { postgresReads, type StoreReads, sqliteReads } from './store-reads.js';

export type StoreKind = 'sqlite' | 'postgres';

export interface OpenStore {
  store: Store;
  kind: StoreKind;
  /** the reads about the database itself: /healthz, App Home's pipeline, the doctor's probe */
  reads: StoreReads;
  /** where it is, for messages: the file, or `PostgreSQL host:5432/db` (never a password) */
  where: string;
  close(): Promise<void>;
}

export async function openStore(
  config: Pick<Config, 'dbPath' | 'databaseUrl'>,
  options: OpenOptions = {},
): Promise<OpenStore> {
  if (config.databaseUrl !== undefined) {
    // migrated here, under an advisory lock; unreachable: "PostgreSQL at host… is unreachable"
    const db = await openPostgres(config.databaseUrl);
    return {
      store: createPostgresStore(db),
      kind: 'postgres',
      reads: postgresReads(db),
      where: `PostgreSQL ${describeUrl(config.databaseUrl)}`,
      close: () => closePostgres(db),
    };
  }
  const db = openDatabase(config.dbPath, options);
  return {
    store: createSqliteStore(db),
    kind: 'sqlite',
    reads: sqliteReads(db),
    where: config.dbPath,
    close: async () => closeDatabase(db),
  };
}
