// Shared Playwright fixtures. Every test, automatically, records every request the browser makes (pages and
// service worker alike) and fails if any of them leaves the app's origin: nothing may ever be sent elsewhere.
import { test as base, expect } from '@playwright/test';

const LOCAL_SCHEMES = ['data:', 'blob:', 'about:', 'chrome-extension:', 'chrome:'];

export const test = base.extend<{ offOriginRequests: string[] }>({
  offOriginRequests: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://localhost:4173').origin;
      const offOrigin: string[] = [];
      context.on('request', (request) => {
        const url = request.url();
        if (LOCAL_SCHEMES.some((s) => url.startsWith(s))) return;
        if (new URL(url).origin !== origin) offOrigin.push(url);
      });
      await use(offOrigin);
      expect(offOrigin, 'requests that left the origin').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
