import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../../src/adapters/storage/database.js';

/** An in-memory database with the real migrations applied. */
export function createTestDb(): Db {
  return openDatabase(':memory:');
}

/** A real database file in a fresh temporary folder, for tests that need a file (WAL, CLI). */
export function createTempDbPath(): { path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dealfit-test-'));
  return {
    dir,
    path: join(dir, 'dealfit.db'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
