/**
 * The store kinds the store-level tests run against: the same test bodies, parameterised
 * by store (`describe.each(storeKinds)`). Each `open()` is a fresh, empty, migrated store
 * in a temporary file, with its close. A PostgreSQL kind is appended behind its own env
 * check (issue #14).
 */

import type { Store } from '../../src/app/ports/store.js';
import { openStore } from '../../src/wiring/open-store.js';
import { createTempDbPath } from './test-db.js';

export interface OpenedStore {
  store: Store;
  close(): Promise<void>;
}

export interface StoreKind {
  name: string;
  open(): Promise<OpenedStore>;
}

export const storeKinds: StoreKind[] = [
  {
    name: 'sqlite',
    async open() {
      const file = createTempDbPath();
      const opened = await openStore({ dbPath: file.path, databaseUrl: undefined });
      return {
        store: opened.store,
        close: async () => {
          await opened.close();
          file.cleanup();
        },
      };
    },
  },
];
