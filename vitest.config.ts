import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests live beside the code they test. Pure domain logic (src/core) runs in Node; nothing here needs a
// browser. Components are tested in a real browser (`*.component.test.ts`, vitest.browser.config.ts, npm run
// test:components), and the app as a whole by the Playwright suites in e2e/.
export default defineConfig({
  // Unit tests see the test build's hooks (src/build-flags.d.ts).
  define: { __TEST_HOOKS__: 'true', __SYNC_ORIGIN__: "''" },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts', 'scripts/**/*.test.mjs'],
    exclude: [...configDefaults.exclude, 'src/**/*.component.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Memory-bound tests call gc() so they measure live data, not garbage awaiting collection.
    execArgv: ['--expose-gc'],
    reporters: ['default'],
  },
});
