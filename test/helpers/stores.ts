/**
 * The store kinds the store-level tests run against: the same test bodies, parameterised
 * by store (`describeEachStore`, or `describe.each(storeKinds)`). Each `open()` is a fresh,
 * empty, migrated store (SQLite: a temporary file; PostgreSQL: a database of its own on the
 * test server), with its close, a second connection to it and the CLI's way to it. `npm test` runs the SQLite kind; `npm run test:postgres` runs the same files
 * with DEALFIT_STORE_KINDS=postgres (vitest.postgres.config.ts).
 */

import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/app/ports/store.js';
import { openStore } from '../../src/wiring/open-store.js';
import { freshDatabase } from './postgres-server.js';
import { createTempDbPath } from './test-db.js';

export interface OpenedStore {
  store: Store;
  /** a second store on the same database, as a second instance of dealfit opens it */
  another(): Promise<{ store: Store; close(): Promise<void> }>;
  /** what `runDealfit` (helpers/run-cli.ts) is given to open the same database */
  cli: { args: string[]; env: Record<string, string> };
  close(): Promise<void>;
}

export interface StoreKind {
  name: string;
  open(): Promise<OpenedStore>;
}

const allKinds: StoreKind[] = [
  {
    name: 'sqlite',
    async open() {
      const file = createTempDbPath();
      const opened = await openStore({ dbPath: file.path, databaseUrl: undefined });
      return {
        store: opened.store,
        another: () => openStore({ dbPath: file.path, databaseUrl: undefined }),
        cli: { args: ['--db', file.path], env: {} },
        close: async () => {
          await opened.close();
          file.cleanup();
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const database = await freshDatabase();
      const opened = await openStore({ dbPath: '', databaseUrl: database.url });
      return {
        store: opened.store,
        another: () => openStore({ dbPath: '', databaseUrl: database.url }),
        cli: { args: [], env: { DATABASE_URL: database.url } },
        close: async () => {
          await opened.close();
          await database.drop();
        },
      };
    },
  },
];

/** DEALFIT_STORE_KINDS: comma-separated kind names (default: sqlite) */
const wanted = (process.env.DEALFIT_STORE_KINDS ?? 'sqlite').split(',').map((k) => k.trim());
export const storeKinds: StoreKind[] = allKinds.filter((k) => wanted.includes(k.name));

/**
 * `describe.each(storeKinds)` with a fresh store for every test: the body's tests call
 * `opened()` for the one open now (closed, and its database dropped, after the test).
 */
export function describeEachStore(name: string, body: (opened: () => OpenedStore) => void): void {
  describe.each(storeKinds)(`${name} on $name`, (kind) => {
    let current: OpenedStore | undefined;
    beforeEach(async () => {
      current = await kind.open();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });
    body(() => {
      if (!current) throw new Error('no store open outside a test');
      return current;
    });
  });
}
