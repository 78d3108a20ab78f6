import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/public-data needs a file outside the repository: its own suite (npm run test:public-data);
    // test/postgres needs a PostgreSQL server: npm run test:postgres
    exclude: ['test/e2e/**', 'test/public-data/**', 'test/postgres/**', 'node_modules/**'],
    // better-sqlite3 and child-process tests are happier in forks than in threads.
    pool: 'forks',
    testTimeout: 30_000,
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
    hookTimeout: 30_000,
  },
});
