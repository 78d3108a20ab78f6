/**
 * The one place a store is chosen and opened. Today: the SQLite file at `dbPath` (the
 * embedded default). The PostgreSQL store (issue #14) joins here as `kind: 'postgres'`,
 * chosen by `databaseUrl` (DATABASE_URL). Everything else receives the `Store` and its
 * asynchronous ports, never a database handle.
 */

import { closeDatabase, type OpenOptions, openDatabase } from '../adapters/storage/database.js';
import { createSqliteStore } from '../adapters/storage/sqlite-store.js';
import type { Store } from '../app/ports/store.js';
import type { Config } from '../config.js';

export type StoreKind = 'sqlite';

export interface OpenStore {
  store: Store;
  kind: StoreKind;
  close(): Promise<void>;
}

export async function openStore(
  config: Pick<Config, 'dbPath' | 'databaseUrl'>,
  options: OpenOptions = {},
): Promise<OpenStore> {
  if (config.databaseUrl !== undefined) {
    throw new Error('DATABASE_URL is set, but this build has no PostgreSQL store yet');
  }
  const db = openDatabase(config.dbPath, options);
  return {
    store: createSqliteStore(db),
    kind: 'sqlite',
    close: async () => closeDatabase(db),
  };
}
