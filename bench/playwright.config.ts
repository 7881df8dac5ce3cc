import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchArgs, chromiumPath } from '../e2e/support/browser';

/** BENCH_PORT moves the server, so that two checkouts on one machine can run their benchmarks side by side. */
const port = Number(process.env.BENCH_PORT ?? 4175);

// `npm run bench -- counter` and `-- soak`: the test build (the app plus its diagnostics, see src/test-hooks/) in
// headless Chromium with a fake camera of real faces.
// Driven through Playwright's runner so the benchmark reuses the e2e helpers (clips from real photos, set-up).
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../bench-results/playwright',
  timeout: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumLaunchArgs() },
  },
  webServer: {
    command: `npx vite preview --mode e2e --port ${port} --strictPort`,
    cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
    url: `http://localhost:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
