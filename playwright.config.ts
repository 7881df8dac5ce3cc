import { defineConfig } from '@playwright/test';
import { chromiumLaunchArgs, chromiumPath } from './e2e/support/browser';
import { patience } from './e2e/support/patience';

// End-to-end tests run in Debian's headless Chromium (Playwright's own browser download does not work on our
// build machines) against both builds, each served by `vite preview`: the shipped build (dist/) and the test
// build (dist-test/, with test hooks). Every spec says which one it uses (e2e/support/builds.ts).
// Ports can be moved (E2E_PORT, E2E_TEST_PORT, E2E_HARNESS_PORT, E2E_SUBPATH_PORT) so that two checkouts can run side by side.
const shippedPort = Number(process.env.E2E_PORT ?? 4173);
const harnessPort = Number(process.env.E2E_HARNESS_PORT ?? 4174);
const testBuildPort = Number(process.env.E2E_TEST_PORT ?? 4176);
// The replication server the test build syncs with: its origin (this port) is built into the test build
// (vite.config.ts); the tests relay it to the server on the next port (e2e/support/sync-server.ts).
const syncServerPort = Number(process.env.E2E_SYNC_PORT ?? 5989) + 1;
process.env.E2E_SHIPPED_URL = `http://localhost:${shippedPort}`;
process.env.E2E_TEST_BUILD_URL = `http://localhost:${testBuildPort}`;
process.env.E2E_HARNESS_URL = `http://127.0.0.1:${harnessPort}`;

export default defineConfig({
  testDir: './e2e',
  // The cross-engine suite has its own runner config (e2e/engines/playwright.config.ts, npm run test:browsers).
  testIgnore: 'engines/**',
  outputDir: 'test-results',
  // Limits only bound how long a broken build takes to fail: waits are for events, never for clock time.
  timeout: patience(300_000),
  expect: { timeout: patience(30_000) },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumLaunchArgs() },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: `npx vite preview --port ${shippedPort} --strictPort`,
      url: process.env.E2E_SHIPPED_URL,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx vite preview --mode e2e --port ${testBuildPort} --strictPort`,
      url: process.env.E2E_TEST_BUILD_URL,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // A CouchDB-protocol server in memory, for the replication tests (e2e/sync.spec.ts). It writes its config
      // and log into its working folder, so it runs in one of its own.
      command: `mkdir -p .cache/sync-server && cd .cache/sync-server && ../../node_modules/.bin/pouchdb-server --in-memory --port ${syncServerPort}`,
      url: `http://127.0.0.1:${syncServerPort}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The face engine's own tests run on the harness page (the app's worker code without the UI).
      command: `node scripts/harness/serve-harness.mjs --port ${harnessPort}`,
      url: process.env.E2E_HARNESS_URL,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
