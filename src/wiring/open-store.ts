/**
 * The one place a store is chosen and opened: the PostgreSQL database at `databaseUrl`
 * (DATABASE_URL) when it is set, else the SQLite file at `dbPath` (the embedded default).
 * Everything else receives the `Store` and its asynchronous ports, never a database handle
 * (test/architecture.test.ts: no other file outside the adapters builds a storage adapter).
 */
import { closePostgres, describeUrl, openPostgres } from '../adapters/postgres/database.js';
import { createPostgresProbe } from '../adapters/postgres/database-probe.js';
import { createPostgresStore } from '../adapters/postgres/postgres-store.js';
import {
  closeDatabase,
  type Db,
  type OpenOptions,
  openDatabase,
} from '../adapters/storage/database.js';
import { createDatabaseProbe } from '../adapters/storage/database-probe.js';
import { createSqliteStore } from '../adapters/storage/sqlite-store.js';
import type { DatabaseProbe } from '../app/ports/setup-probes.js';
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
      where: storeWhere(config),
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

/** The SQLite file at `path`, opened (migrated) at once: the app's default store. */
export function openSqliteStore(path: string, options: OpenOptions = {}): OpenStore {
  return sqliteStoreOn(openDatabase(path, options));
}

/** A query thread's own Store on the target its parent opened (and migrated) already. */
export async function openThreadStore(target: ThreadTarget): Promise<Store> {
  return 'databaseUrl' in target
    ? createPostgresStore(await openPostgres(target.databaseUrl, { max: 3 }))
    : createSqliteStore(openDatabase(target.dbPath));
}

/** Where the configured store is, for messages: the file, or the server (never a password). */
export function storeWhere(config: Pick<Config, 'dbPath' | 'databaseUrl'>): string {
  return config.databaseUrl ? `PostgreSQL ${describeUrl(config.databaseUrl)}` : config.dbPath;
}

/** `dealfit doctor`'s probe of the configured store, opened by the probe itself. */
export function storeProbe(config: Pick<Config, 'dbPath' | 'databaseUrl'>): DatabaseProbe {
  return config.databaseUrl
    ? createPostgresProbe(config.databaseUrl)
    : createDatabaseProbe(config.dbPath);
}
