// Hosting under a sub-path: the shipped app built with `--base /counterpart/` (npm run build:subpath) and served
// from a folder of a web server, as a shop's intranet or a project page would host it. It must install there
// (manifest and service worker scoped to the folder), ask for nothing outside the folder, and start offline.
import { setUpApp, unlock, waitForModels, waitForServiceWorkerActive } from './support/app';
import { serveApp, type AppServer } from './support/app-server';
import { SUBPATH_BASE, SUBPATH_DIR } from './support/builds';
import { expect, test } from './support/fixtures';
import { patience } from './support/patience';

const PORT = Number(process.env.E2E_SUBPATH_PORT ?? 4177);
const APP_URL = `http://127.0.0.1:${PORT}${SUBPATH_BASE}`;

test.use({ baseURL: APP_URL });

let server: AppServer;
test.beforeAll(async () => {
  server = await serveApp(SUBPATH_DIR, { base: SUBPATH_BASE, port: PORT });
});
test.afterAll(async () => {
  await server.stop();
});

test('the app installs, runs and starts offline from a sub-path', async ({ page, context }) => {
  await setUpApp(page, APP_URL);
  await waitForServiceWorkerActive(page);
  const registration = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return { scope: reg.scope, script: reg.active?.scriptURL };
  });
  expect(registration).toEqual({ scope: APP_URL, script: `${APP_URL}sw.js` });

  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await page.evaluate(
    async (href) =>
      (await (await fetch(href)).json()) as { start_url: string; scope: string; icons: { src: string }[] },
    new URL(manifestHref ?? '', APP_URL).href,
  );
  expect(new URL(manifest.start_url, APP_URL).href).toBe(APP_URL);
  expect(new URL(manifest.scope, APP_URL).href).toBe(APP_URL);
  for (const icon of manifest.icons) expect(new URL(icon.src, APP_URL).pathname.startsWith(SUBPATH_BASE)).toBe(true);
  await waitForModels(page);

  // Nothing was asked for outside the app's folder (the server answers 404 there, so it would have failed).
  expect(server.requests.filter((p) => !p.startsWith(SUBPATH_BASE))).toEqual([]);

  // Offline: the server is gone and the browser is cut off; the service worker serves the app and its models.
  await server.stop();
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('app-shell h1')).toHaveText('Counterpart');
  await unlock(page);
  await waitForModels(page);
  await expect(page.locator('status-strip [data-status="backend"] .value')).toContainText('fps', {
    timeout: patience(60_000),
  });
  await context.setOffline(false);
  await server.start();
});
