// Camera permission denied: a clear message; "Try again" while still denied says so again; once access is
// allowed the camera comes on by itself (the app watches the permission).
import { chromiumLaunchArgs, chromiumPath } from './support/browser';
import { setUpApp } from './support/app';
import { onShippedBuild } from './support/builds';
import { expect, test } from './support/fixtures';

onShippedBuild();

// Without the fake-UI flag Chromium asks for permission, and Playwright denies what the context was not granted.
test.use({ launchOptions: { executablePath: chromiumPath, args: chromiumLaunchArgs({ autoGrantCamera: false }) } });

test('explains a denied camera and comes back on by itself once access is allowed', async ({
  page,
  context,
  baseURL,
}) => {
  await setUpApp(page);
  const alert = page.locator('camera-view').getByRole('alert');
  await expect(alert).toContainText('Camera access is blocked');
  await expect(page.locator('status-strip [data-status="camera"] .value')).toHaveText('problem');

  await page.locator('camera-view').getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toContainText('Camera access is blocked');

  await context.grantPermissions(['camera'], { origin: baseURL });
  await expect(page.locator('status-strip [data-status="camera"] .value')).toHaveText('live');
  await expect
    .poll(() => page.locator('camera-view video').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
});
