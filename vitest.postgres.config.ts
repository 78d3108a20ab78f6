import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/** The test files parameterised by store kind: those that import test/helpers/stores.ts. */
function storeTests(dir = 'test'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['e2e', 'postgres', 'public-data'].includes(entry.name) ? [] : storeTests(path);
    return path.endsWith('.test.ts') && readFileSync(path, 'utf8').includes('helpers/stores.js')
      ? [path]
      : [];
  });
}

// The PostgreSQL suite (npm run test:postgres): test/postgres/** and the store tests
// parameterised by store kind, against a real server (DEALFIT_TEST_DATABASE_URL, else a
// private cluster started by the global setup). STORE_KINDS=postgres makes the shared
// store tests run on PostgreSQL only (SQLite already ran them in `npm test`).
export default defineConfig({
  test: {
    include: ['test/postgres/**/*.test.ts', ...storeTests()],
    globalSetup: ['test/postgres/global-setup.ts'],
    env: { DEALFIT_STORE_KINDS: 'postgres' },
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest-postgres.json' },
  },
});
