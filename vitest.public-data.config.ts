import { defineConfig } from 'vitest/config';

// The checks against the public sample data set (../shared/data/deals.csv, not shipped:
// it has no licence). Run with `npm run test:public-data`, which runs nothing and says so
// when the file is absent; kept out of `npm test`, which needs nothing beside the checkout.
export default defineConfig({
  test: {
    include: ['test/public-data/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest-public-data.json' },
  },
});
