import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchArgs, chromiumPath } from './e2e/support/browser.ts';

// Component tests: one Lit element rendered in a real browser, checked for what it shows and the events it fires
// (`*.component.test.ts`, beside the component they test). They run in Debian's Chromium, as the e2e suites do
// (Playwright's own browser download does not work on our machines). Node unit tests are vitest.config.ts's.
export default defineConfig({
  define: { __TEST_HOOKS__: 'true', __SYNC_ORIGIN__: "''" },
  test: {
    include: ['src/**/*.component.test.ts'],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: { executablePath: chromiumPath, args: chromiumLaunchArgs({ autoGrantCamera: false }) },
      }),
      instances: [{ browser: 'chromium' }],
      // Room for a counter-sized stage: a tap must land inside the page.
      viewport: { width: 1280, height: 800 },
      screenshotFailures: false,
    },
  },
});
