// Shared Playwright fixtures. Every test, automatically, records every request the browser makes (pages and
// service worker alike) and fails if any of them leaves the app's origin: nothing may ever be sent elsewhere.
import { type BrowserContext, test as base, expect } from '@playwright/test';

const LOCAL_SCHEMES = ['data:', 'blob:', 'about:', 'chrome-extension:', 'chrome:'];

/** Records requests of a context the test created itself (e.g. with its own fake camera) that leave `origin`. */
export function trackOffOrigin(context: BrowserContext, origin: string): string[] {
  const offOrigin: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (LOCAL_SCHEMES.some((s) => url.startsWith(s))) return;
    if (new URL(url).origin !== origin) offOrigin.push(url);
  });
  return offOrigin;
}

export const test = base.extend<{ offOriginRequests: string[] }>({
  offOriginRequests: [
    async ({ context, baseURL }, use) => {
      const offOrigin = trackOffOrigin(context, new URL(baseURL ?? 'http://localhost:4173').origin);
      await use(offOrigin);
      expect(offOrigin, 'requests that left the origin').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
