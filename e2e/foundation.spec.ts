// The foundation: the built app installs as a PWA, precaches itself, starts offline, and shows the camera.
import type { Page } from '@playwright/test';
import { setUpApp, unlock, waitForServiceWorkerActive } from './support/app';
import { onShippedBuild } from './support/builds';
import { expect, test } from './support/fixtures';
import { patience } from './support/patience';

onShippedBuild();

async function expectCameraLive(page: Page): Promise<void> {
  const video = page.locator('camera-view video');
  await expect(page.locator('status-strip [data-status="camera"] .value')).toHaveText('live');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(t0);
}

test('shows the product name in the title and header', async ({ page }) => {
  await setUpApp(page);
  await expect(page).toHaveTitle('Counterpart');
  await expect(page.locator('app-shell h1')).toHaveText('Counterpart');
  for (const tab of ['Counter', 'Members', 'Products', 'Analytics', 'Settings']) {
    await expect(page.getByRole('link', { name: tab })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('link', { name: 'Members' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('members-page h2')).toHaveText('Members');
});

test('precaches everything, then starts and shows the camera with the network cut off', async ({ page, context }) => {
  await setUpApp(page);
  await waitForServiceWorkerActive(page);
  await expect(page.locator('status-strip [data-status="models"] .value')).toHaveText('ready', {
    timeout: patience(90_000),
  });

  await context.setOffline(true);
  await page.reload();
  // The network really is gone: anything not precached fails to load.
  const probe = await page.evaluate(() =>
    fetch(`/not-precached-${Date.now()}.txt`).then(
      (r) => r.status,
      () => 'network error',
    ),
  );
  expect(probe).toBe('network error');
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await expect(page.locator('app-shell h1')).toHaveText('Counterpart');
  await expect(page.locator('status-strip [data-status="network"] .value')).toContainText('offline');
  await unlock(page);
  // The models are verified (sha256) from the precache, without a network, and frames are analysed.
  await expect(page.locator('status-strip [data-status="models"] .value')).toHaveText('ready', {
    timeout: patience(90_000),
  });
  await expectCameraLive(page);
  await expect(page.locator('status-strip [data-status="backend"] .value')).toContainText('fps', {
    timeout: patience(60_000),
  });
  // The strip says how the backend was chosen: every backend tried on this device, with its timings.
  await expect(page.locator('status-strip [data-status="backend"] .value')).toHaveAttribute(
    'title',
    /^Running on (wasm|webgl|webgpu)\. Measured on this device: .*wasm \d+ ms per frame/,
  );
  await context.setOffline(false);
});

test('the fake camera device shows a live stream', async ({ page }) => {
  await setUpApp(page);
  await expectCameraLive(page);
  await page.getByRole('button', { name: 'Stop camera' }).click();
  await expect(page.locator('status-strip [data-status="camera"] .value')).toHaveText('off');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expectCameraLive(page);
});
