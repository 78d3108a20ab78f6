/**
 * The one place a store is chosen and opened: the PostgreSQL database at `databaseUrl`
 * (DATABASE_URL) when it is set, else the SQLite file at `dbPath` (the embedded default).
 * Everything else receives the `Store` and its asynchronous ports, never a database handle.
 */
import { closePostgres, describeUrl, openPostgres } from '../adapters/postgres/database.js';
import { createPostgresStore } from '../adapters/postgres/postgres-store.js';

import {
  closeDatabase,
  type Db,
  type OpenOptions,
  openDatabase,
} from '../adapters/storage/database.js';
import { createSqliteStore } from '../adapters/storage/sqlite-store.js';
import type { Store } from '../app/ports/store.js';
import type { Config } from '../config.js';

export type StoreKind = 'sqlite' | 'postgres';

/** What a query thread opens to reach the same store: the file, or the server. */
export type ThreadTarget = { dbPath: string } | { databaseUrl: string };

export interface OpenStore {
  store: Store;
  kind: StoreKind;
  /** where it is, for messages: the file, or `PostgreSQL host:5432/db` (never a password) */
  where: string;
  /** null for an in-memory SQLite database (tests), which another thread cannot open */
  threadTarget: ThreadTarget | null;
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
      where: `PostgreSQL ${describeUrl(config.databaseUrl)}`,
      threadTarget: { databaseUrl: config.databaseUrl },
      close: () => closePostgres(db),
    };
  }
  return sqliteStoreOn(openDatabase(config.dbPath, options));
}

/**
 * The SQLite store over a database already open (a test's, or the file openStore opened).
 * `owned`: closing the store closes the database (default); a test keeps its own.
 */
export function sqliteStoreOn(db: Db, o: { owned?: boolean } = {}): OpenStore {
  const file = db.$client.name;
  return {
    store: createSqliteStore(db),
    kind: 'sqlite',
    where: file,
    threadTarget: db.$client.memory ? null : { dbPath: file },
    close: async () => {
      if (o.owned !== false) closeDatabase(db);
    },
  };
}
