import { defineConfig } from 'vitest/config';

// Browser tests: headless Debian chromium (apt) driven by playwright-core against
// `npm start` in local-workspace mode. Run with `npm run test:e2e`; kept out of `npm test`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    // one dealfit process and one browser at a time: the tests share a machine
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest-e2e.json' },
  },
});
