// Faults at the counter, injected into the running app (issue 8): the camera goes away mid-session and comes
// back; camera access is withdrawn and given back; the face worker crashes and is restarted while the counter
// keeps recognising faces.
// These use Chromium's fake camera device (a looped clip), not the scripted camera: what is tested is how the
// app meets the browser's own camera, its ended tracks and permission changes.
import { onTestBuild } from './support/builds';
import { expect, test } from './support/fixtures';
import { analysedFrames, waitForCard } from './support/frames';
import { openCounter } from './support/members';
import { patience } from './support/patience';
import { setCameraPermission } from './support/permissions';
import { oneVisitorClip } from './support/scenes';

onTestBuild();
test.describe.configure({ mode: 'serial' });

test('the camera is unplugged mid-session: a clear message, then back to live with Try again', async ({ baseURL }) => {
  test.setTimeout(patience(180_000));
  const { browser, page, leaks } = await openCounter(await oneVisitorClip(), baseURL ?? '');
  try {
    const camera = page.locator('status-strip [data-status="camera"] .value');
    await expect(camera).toHaveText('live', { timeout: patience(30_000) });
    // What the browser does when a camera is pulled out: the track ends.
    await page.locator('counter-page camera-view video').evaluate((video: HTMLVideoElement) => {
      const track = (video.srcObject as MediaStream).getVideoTracks()[0];
      track?.stop();
      track?.dispatchEvent(new Event('ended'));
    });
    await expect(page.locator('counter-page camera-view').getByRole('alert')).toContainText(
      'The camera was disconnected',
    );
    await expect(camera).not.toHaveText('live');
    await page.locator('counter-page camera-view').getByRole('button', { name: 'Try again' }).click();
    await expect(camera).toHaveText('live', { timeout: patience(30_000) });
    expect(leaks).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('camera access is withdrawn mid-session: the camera stops, staff are told why, and it resumes when allowed', async ({
  baseURL,
}) => {
  test.setTimeout(patience(180_000));
  const { browser, page, leaks } = await openCounter(await oneVisitorClip(), baseURL ?? '');
  try {
    const camera = page.locator('status-strip [data-status="camera"] .value');
    await waitForCard(page, /Visitor #\d+/);
    const updates = () => analysedFrames(page);
    await setCameraPermission(browser, page, 'denied');
    const alert = page.locator('counter-page camera-view').getByRole('alert');
    await expect(alert).toContainText('Camera access was withdrawn');
    await expect(camera).not.toHaveText('live');
    // No frames are analysed while access is withdrawn, and the person in front is no longer shown.
    const stoppedAt = await updates();
    await page.waitForTimeout(2000);
    expect(await updates()).toBeLessThanOrEqual(stoppedAt + 1);
    await expect(page.getByTestId('card-title')).toHaveCount(0);
    // Access given back: the camera comes back on by itself and the counter works again.
    await setCameraPermission(browser, page, 'granted');
    await expect(camera).toHaveText('live', { timeout: patience(30_000) });
    await expect.poll(updates, { timeout: patience(60_000) }).toBeGreaterThan(stoppedAt + 5);
    expect(leaks).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('the face worker crashes: it is restarted and the counter goes on recognising faces', async ({ baseURL }) => {
  test.setTimeout(patience(240_000));
  const { browser, page, leaks } = await openCounter(await oneVisitorClip(), baseURL ?? '');
  try {
    await waitForCard(page, /Visitor #\d+/);
    const updates = () => analysedFrames(page);
    await page.evaluate(() => window.counterpartDiagnostics?.crashEngine());
    const atCrash = await updates();
    // A new worker is started and initialised, and frames are analysed again, with the face still found.
    await expect.poll(updates, { timeout: patience(120_000) }).toBeGreaterThan(atCrash + 10);
    await expect
      .poll(() => page.evaluate(() => window.counterpartDiagnostics?.counter().faces ?? 0))
      .toBeGreaterThan(0);
    await expect(page.locator('status-strip [data-status="backend"] .value')).toContainText('wasm');
    expect(leaks).toEqual([]);
  } finally {
    await browser.close();
  }
});
