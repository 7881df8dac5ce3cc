// Shared Playwright fixtures. Every test, automatically, records every request the browser makes (pages and
// service worker alike) and fails if any of them leaves the app's origin: nothing may ever be sent elsewhere.
// It also reads everything the app writes to the console (pages and workers) and fails if personal data shows
// up there: the staff passphrase, or a member's name or loyalty number used by the tests.
import { type BrowserContext, test as base, expect } from '@playwright/test';
import { PASSPHRASE } from './app';
import { slowDownContext } from './slow-machine';

const LOCAL_SCHEMES = ['data:', 'blob:', 'about:', 'chrome-extension:', 'chrome:'];

/** The personal data the tests enter; none of it may ever appear in a log line. */
export const PERSONAL_DATA = [PASSPHRASE, 'Vlad Mandic', 'L-1001', 'C-2001', 'Demo Me', 'Good Photo'];

/**
 * Records requests of a context the test created itself (e.g. with its own fake camera) that leave `origin`;
 * `syncOrigin`, when a test gives it, is the one more origin the test build may reach (its replication server).
 */
export function trackOffOrigin(
  context: BrowserContext,
  origin: string,
  into: string[] = [],
  syncOrigin?: string,
): string[] {
  context.on('request', (request) => {
    const url = request.url();
    if (LOCAL_SCHEMES.some((s) => url.startsWith(s))) return;
    const to = new URL(url).origin;
    if (to !== origin && to !== syncOrigin) into.push(url);
  });
  return into;
}

/** Records console lines and uncaught errors, from every page of `context`, that contain personal data. */
export function trackPersonalLogs(context: BrowserContext, into: string[] = []): string[] {
  const check = (kind: string, text: string) => {
    if (PERSONAL_DATA.some((p) => text.includes(p))) into.push(`${kind}: ${text}`);
  };
  const watch = (page: import('@playwright/test').Page) => {
    page.on('console', (m) => check(`console.${m.type()}`, m.text()));
    page.on('pageerror', (e) => check('uncaught error', `${e.message}\n${e.stack ?? ''}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return into;
}

/**
 * Everything a test's context leaked: requests that left the origin, and log lines with personal data. Tests
 * that create their own context assert it is empty at the end.
 */
export function trackLeaks(context: BrowserContext, origin: string, syncOrigin?: string): string[] {
  return trackPersonalLogs(context, trackOffOrigin(context, origin, [], syncOrigin));
}

export const test = base.extend<{ leaks: string[] }>({
  leaks: [
    async ({ context, baseURL }, use) => {
      await slowDownContext(context);
      const leaks = trackLeaks(context, new URL(baseURL ?? 'http://localhost:4173').origin);
      await use(leaks);
      expect(leaks, 'requests that left the origin, and personal data in logs').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
