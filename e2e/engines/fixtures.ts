// Fixtures of the cross-engine suite: one browser engine per Playwright project ('webkit', 'firefox'), driven
// through ./driver.ts, and the shipped build served by a server the test can stop (to go offline).
import { test as base } from '@playwright/test';
import { type AppServer, serveApp } from '../support/app-server';
import { SHIPPED_DIR } from '../support/builds';
import { root } from '../support/clips';
import type { EngineDriver, EngineName } from './driver';
import { startFirefox } from './firefox-driver';
import { startWebKit } from './webkit-driver';
import path from 'node:path';

export const test = base.extend<{ engineLogs: undefined }, { driver: EngineDriver; app: AppServer }>({
  // What the page logged, attached to every failing test's report; an uncaught error or unhandled rejection in
  // the page fails the test (an engine can break the app without breaking the step being checked).
  engineLogs: [
    async ({ driver }, use, testInfo) => {
      await use(undefined);
      if (testInfo.status === testInfo.expectedStatus) {
        const logs = await driver.logs().catch(() => []);
        const errors = logs.filter((l) => /^(uncaught|unhandled rejection):/.test(l));
        if (errors.length) throw new Error(`the page raised errors:\n${errors.join('\n')}`);
      }
      if (testInfo.status !== testInfo.expectedStatus) {
        const logs = await driver.logs().catch((err: unknown) => [`(logs unavailable: ${String(err)})`]);
        await testInfo.attach('page logs', { body: logs.join('\n'), contentType: 'text/plain' });
        console.log(`[${driver.name}] page logs:\n${logs.slice(-40).join('\n')}`);
      }
    },
    { auto: true },
  ],
  driver: [
    // Playwright reads a fixture's dependencies from this pattern: it must be one, even when empty.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const name = workerInfo.project.name as EngineName;
      const driver = name === 'webkit' ? await startWebKit() : await startFirefox();
      await use(driver);
      await driver.close();
    },
    { scope: 'worker' },
  ],
  app: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveApp(path.join(root, SHIPPED_DIR));
      await use(server);
      await server.stop().catch(() => undefined);
    },
    { scope: 'worker' },
  ],
});

/** Polls `read` until it returns something `ok` accepts; fails with the last value seen. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (err) {
      error = err;
    }
    if (Date.now() > until)
      throw new Error(
        `timed out waiting for ${what}; last seen: ${JSON.stringify(last)} ${error instanceof Error ? error.message : error === undefined ? '' : JSON.stringify(error)}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}
