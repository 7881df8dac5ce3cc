// Issue 7, end to end, through a fake camera playing clips built from real photos:
// - a person appears, leaves, comes back, and a second person passes: the Analytics screen counts 3 visits by
//   2 unique visitors, 1 of them returning;
// - a person flagged on the watch-list from the counter card sets off the alert when they are seen again.
import { buildClip } from './support/clips';
import { expect, test } from './support/fixtures';
import { openCounter } from './support/members';
import { samplePerson } from './support/people';

test.describe.configure({ mode: 'serial' });

test('a visitor who comes back and a second visitor are counted exactly on the Analytics screen', async ({
  baseURL,
}) => {
  test.setTimeout(300_000);
  // Away scenes are longer than the tracker's grace period, so each appearance is its own visit. The long
  // empty end keeps the looping clip from starting over while the test reads the figures.
  const clip = await buildClip({
    name: 'visit-return-second',
    scenes: [
      // Nobody at first, while the models load and the camera starts.
      { shots: [], seconds: 12, live: true },
      { shots: [samplePerson('blonde')], seconds: 6, live: true },
      { shots: [], seconds: 4, live: true },
      { shots: [samplePerson('blonde')], seconds: 6, live: true },
      { shots: [], seconds: 4, live: true },
      { shots: [samplePerson('brunette')], seconds: 6, live: true },
      { shots: [], seconds: 30, live: true },
    ],
    fps: 5,
  });
  const { browser, page, leaks } = await openCounter(clip, baseURL ?? '');
  try {
    const title = page.getByTestId('card-title');
    await expect(page.locator('status-strip [data-status="backend"] .value')).toContainText('fps', {
      timeout: 60_000,
    });
    await expect(title).toHaveText('Visitor #1', { timeout: 30_000 });
    await expect(page.locator('customer-card')).toContainText('Nobody at the counter', { timeout: 20_000 });
    // The same person again: recognised as the same anonymous visitor (a returning visit).
    await expect(title).toHaveText('Visitor #1', { timeout: 20_000 });
    await expect(title).toHaveText('Visitor #2', { timeout: 30_000 });
    await expect(page.locator('customer-card')).toContainText('Nobody at the counter', { timeout: 20_000 });

    await page.getByRole('link', { name: 'Analytics' }).click();
    await expect(page.getByTestId('footfall').locator('strong')).toHaveText('3', { timeout: 20_000 });
    await expect(page.getByTestId('unique').locator('strong')).toHaveText('2');
    await expect(page.getByTestId('returning').locator('strong')).toHaveText('1');
    expect(leaks).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a flagged visitor sets off the watch-list alert when seen again', async ({ baseURL }) => {
  test.setTimeout(300_000);
  const clip = await buildClip({
    name: 'flag-and-return',
    scenes: [
      { shots: [samplePerson('brunette')], seconds: 8, live: true },
      { shots: [], seconds: 4, live: true },
    ],
  });
  const { browser, page, leaks } = await openCounter(clip, baseURL ?? '');
  try {
    const title = page.getByTestId('card-title');
    await expect(title).toHaveText(/Visitor #\d+/, { timeout: 60_000 });
    page.once('dialog', (dialog) => void dialog.accept('Shoplifting reported on Monday'));
    await page.locator('customer-card').getByRole('button', { name: 'Add to watch-list' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added to the watch-list.' }).or(title)).toBeVisible();
    // She leaves and the clip brings her back: the alert names the reason.
    const alert = page.getByTestId('watch-alert');
    await expect(alert).toContainText('Shoplifting reported on Monday', { timeout: 60_000 });
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toBeHidden();
    expect(leaks).toEqual([]);
  } finally {
    await browser.close();
  }
});
