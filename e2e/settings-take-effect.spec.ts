// The camera and engine settings take effect: the camera and resolution chosen in Settings are what the camera
// delivers, the backend chosen is what the engine runs on (restarted at once, no reload), a camera picked on
// the counter is remembered, and after a reload the app starts with all three as they were left.
import { type Page } from '@playwright/test';
import { setUpApp, unlock, waitForModels } from './support/app';
import { chromiumLaunchArgs, chromiumPath } from './support/browser';
import { onShippedBuild } from './support/builds';
import { expect, test } from './support/fixtures';
import { patience } from './support/patience';

onShippedBuild();

// Two test-pattern cameras, which (unlike a camera fed from a file) deliver the resolution asked for.
test.use({ launchOptions: { executablePath: chromiumPath, args: chromiumLaunchArgs({ fakeCameras: 2 }) } });

/** What the counter's camera delivers: the camera's name and the frame size. */
async function delivered(page: Page): Promise<string> {
  return page.locator('camera-view video').evaluate((v: HTMLVideoElement) => {
    const track = (v.srcObject as MediaStream | null)?.getVideoTracks()[0];
    return `${track?.label ?? 'none'} ${v.videoWidth}x${v.videoHeight}`;
  });
}

const backendInStrip = (page: Page) => page.locator('status-strip [data-status="backend"] .value');

test('camera, resolution and backend chosen in Settings are what the camera and engine use, now and after a reload', async ({
  page,
}) => {
  test.setTimeout(patience(600_000));
  await setUpApp(page);
  await expect.poll(() => delivered(page)).toBe('fake_device_0 1280x720');
  await waitForModels(page);
  const measured = (await backendInStrip(page).textContent())?.split(' ')[0] ?? '';
  const other = measured === 'wasm' ? 'webgl' : 'wasm';

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Camera', exact: true }).selectOption({ label: 'fake_device_1' });
  await page.getByLabel('Camera resolution').selectOption('640x480');
  await page.getByLabel('Engine backend').selectOption(other);
  await expect(page.getByTestId('backend-in-use')).toHaveText(`In use now: ${other}.`, { timeout: patience(300_000) });
  await page.getByRole('link', { name: 'Counter' }).click();
  await expect.poll(() => delivered(page), { timeout: patience(30_000) }).toBe('fake_device_1 640x480');
  await expect(backendInStrip(page)).toHaveText(new RegExp(`^${other}`));

  // A camera picked on the counter itself is remembered too.
  await page
    .locator('camera-view')
    .getByRole('combobox', { name: 'Camera', exact: true })
    .selectOption({ label: 'fake_device_0' });
  await expect.poll(() => delivered(page), { timeout: patience(30_000) }).toBe('fake_device_0 640x480');

  await page.reload();
  await unlock(page);
  await expect.poll(() => delivered(page), { timeout: patience(30_000) }).toBe('fake_device_0 640x480');
  await expect(backendInStrip(page)).toHaveText(new RegExp(`^${other}`), { timeout: patience(300_000) });
});
