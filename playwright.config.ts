import { defineConfig } from '@playwright/test';
import { chromiumLaunchArgs, chromiumPath } from './e2e/support/browser';

// End-to-end tests run against the production build (served by `vite preview`), in Debian's headless Chromium.
// Playwright's own browser download does not work on our build machines, so the system Chromium is used.
// Ports can be moved (E2E_PORT, E2E_HARNESS_PORT) so that two checkouts can run their suites side by side.
const appPort = Number(process.env.E2E_PORT ?? 4173);
const harnessPort = Number(process.env.E2E_HARNESS_PORT ?? 4174);
process.env.E2E_HARNESS_URL = `http://127.0.0.1:${harnessPort}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://localhost:${appPort}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumLaunchArgs() },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: `npx vite preview --port ${appPort} --strictPort`,
      url: `http://localhost:${appPort}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The face engine's own tests run on the harness page (the app's worker code without the UI).
      command: `node scripts/harness/serve-harness.mjs --port ${harnessPort}`,
      url: `http://127.0.0.1:${harnessPort}`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
