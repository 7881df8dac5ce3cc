// Time at the counter (issue 8): the app spends an hour in the background and comes back; the tablet's clock
// is changed while a customer stands there. Headless Chromium never hides a tab by itself, so the background is
// what the browser signals to the page: visibility turns 'hidden' (the emulated part), then time jumps an hour
// with every due timer firing once, as when a tablet wakes (Playwright's clock).
import type { Page } from '@playwright/test';
import { unlock } from './support/app';
import { onTestBuild } from './support/builds';
import { expect, test } from './support/fixtures';
import { patience } from './support/patience';
import { analysedFrames, waitForCard } from './support/frames';
import { openCounter } from './support/members';
import { oneVisitorClip } from './support/scenes';

onTestBuild();

test.describe.configure({ mode: 'serial' });

function setVisibility(page: Page, state: 'hidden' | 'visible') {
  return page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/** The counter with one visitor, its page on Playwright's clock (which runs in real time until moved). */
async function openCounterOnPageClock(baseURL: string) {
  return openCounter(await oneVisitorClip(), baseURL, { beforeLoad: (p) => p.clock.install() });
}

test('an hour in the background: the camera goes off, the app locks, and the counter resumes after unlocking', async ({
  baseURL,
}) => {
  test.setTimeout(patience(240_000));
  const { browser, page, leaks } = await openCounterOnPageClock(baseURL ?? '');
  try {
    const camera = page.locator('status-strip [data-status="camera"] .value');
    await waitForCard(page, /Visitor #\d+/);
    await setVisibility(page, 'hidden');
    // Nobody looks at a hidden app: the camera is off and nobody is on screen.
    await expect(camera).not.toHaveText('live');
    await expect(page.getByTestId('card-title')).toHaveCount(0);
    await page.clock.fastForward('01:00:00');
    await setVisibility(page, 'visible');
    await expect(page.locator('status-strip [data-status="lock"] .value')).toHaveText('locked');
    await expect(page.getByTestId('card-title')).toHaveCount(0);
    await unlock(page);
    await page.getByRole('link', { name: 'Counter' }).click();
    await expect(camera).toHaveText('live', { timeout: patience(30_000) });
    const resumed = await analysedFrames(page);
    await expect.poll(() => analysedFrames(page), { timeout: patience(60_000) }).toBeGreaterThan(resumed + 5);
    await waitForCard(page, /Visitor #\d+/);
    expect(leaks).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('the clock is set back and forward during a visit: the counter goes on and the visit keeps its real length', async ({
  baseURL,
}) => {
  test.setTimeout(patience(240_000));
  const { browser, page, leaks } = await openCounterOnPageClock(baseURL ?? '');
  try {
    await waitForCard(page, /Visitor #\d+/);
    const visitor = await page.getByTestId('card-title').textContent();
    // Staff correct the tablet's clock by three hours back, then a day forward, while the customer is there.
    const now = await page.evaluate(() => Date.now());
    await page.clock.setSystemTime(now - 3 * 3600_000);
    let before = await analysedFrames(page);
    await expect.poll(() => analysedFrames(page), { timeout: patience(30_000) }).toBeGreaterThan(before + 5);
    await expect(page.getByTestId('card-title')).toHaveText(visitor ?? '');
    await page.clock.setSystemTime(now + 86_400_000);
    before = await analysedFrames(page);
    await expect.poll(() => analysedFrames(page), { timeout: patience(30_000) }).toBeGreaterThan(before + 5);
    // A clock change is not idleness: the app is still unlocked.
    await expect(page.locator('status-strip [data-status="lock"] .value')).toHaveText('unlocked');
    // Stopping the camera ends the visit (the counter goes on counting on other screens, so leaving it does not);
    // its length is the time the customer really stood there (under a minute here), not the clock's jumps.
    await page.getByRole('button', { name: 'Stop camera' }).click();
    await page.getByRole('link', { name: 'Analytics' }).click();
    await expect(page.getByTestId('footfall').locator('strong')).toHaveText('1', { timeout: patience(20_000) });
    const dwell = Number(
      (await page.getByTestId('dwell').locator('strong').textContent())?.replace(/[^\d-]/g, '') ?? 'NaN',
    );
    expect(dwell).toBeGreaterThanOrEqual(1);
    expect(dwell).toBeLessThan(180);
    expect(leaks).toEqual([]);
  } finally {
    await browser.close();
  }
});
