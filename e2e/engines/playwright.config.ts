import { defineConfig } from '@playwright/test';

// `npm run test:browsers`: the app in the engines staff use besides Chromium, each driven through its own
// protocol (./driver.ts), against the shipped build (served by the tests themselves, see ./fixtures.ts). Playwright
// is only the test runner here: it launches no browser of its own.
export default defineConfig({
  testDir: '.',
  testMatch: '*.engine.ts',
  outputDir: '../../test-results/engines',
  timeout: 20 * 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../../test-results/engines/results.json' }]],
  projects: [{ name: 'webkit' }, { name: 'firefox' }],
});
