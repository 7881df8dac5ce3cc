// Issue 6, the counter screen, through a fake camera of three real people standing side by side:
// - every face gets an overlay entry and choosing one (here with the keyboard) switches the card; portrait and landscape tablet
//   screenshots are saved, and the card neither overflows the screen nor covers the camera view;
// - switching gender and emotion off in Settings removes them from overlays and cards;
// - a sale entered from the card is recorded; locking hides everything personal.
import type { BrowserContext, Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { unlock } from './support/app';
import { onTestBuild } from './support/builds';
import { openCounterWithScenes } from './support/counter';
import { expect, test } from './support/fixtures';
import { waitForFrames } from './support/frames';
import { patience } from './support/patience';
import { catalogueCsv } from './support/sales';
import { threePeopleShots } from './support/scenes';

onTestBuild();
test.describe.configure({ mode: 'serial' });

/** The counter with three people in view from the start, and enough frames of them analysed. */
async function threePeopleAtCounter(context: BrowserContext, baseURL: string) {
  const opened = await openCounterWithScenes(
    context,
    baseURL,
    { three: { shots: threePeopleShots(), motion: 'live' } },
    { first: 'three' },
  );
  await waitForFrames(opened.page, { since: 0, faces: 3, count: 6, timeout: patience(120_000) });
  return opened;
}

/** The face list the overlay keeps for keyboard and screen-reader users: one button per face. */
const faceButtons = (page: Page) => page.locator('face-overlay').getByRole('button');

function boxesOverlap(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('three faces, each in the overlay; tapping one switches the card; portrait and landscape layouts', async ({
  context,
  baseURL,
}, testInfo) => {
  test.setTimeout(patience(300_000));
  const { page } = await threePeopleAtCounter(context, baseURL ?? '');
  await expect(faceButtons(page)).toHaveCount(3, { timeout: patience(60_000) });
  await expect(faceButtons(page).filter({ hasText: /Visitor #\d+/ })).toHaveCount(3, { timeout: patience(30_000) });

  const title = page.getByTestId('card-title');
  for (const i of [0, 1, 2]) {
    const button = faceButtons(page).nth(i);
    const label = (await button.textContent())?.trim() ?? '';
    // The buttons appear when focused (keyboard and screen-reader users); a tap on the canvas does the same.
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(title).toHaveText(label);
  }

  for (const [name, size] of [
    ['landscape', { width: 1280, height: 800 }],
    ['portrait', { width: 800, height: 1280 }],
  ] as const) {
    await page.setViewportSize(size);
    await expect(title).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`counter-${name}.png`) });
    const card = await page.locator('customer-card').boundingBox();
    const camera = await page.locator('camera-view').boundingBox();
    expect(card && camera, name).toBeTruthy();
    if (!card || !camera) continue;
    expect(boxesOverlap(card, camera), `${name}: card covers the camera`).toBe(false);
    expect(card.x + card.width, `${name}: card wider than the screen`).toBeLessThanOrEqual(size.width + 1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name}: page scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

test('gender and emotion switched off in Settings leave overlays and cards; a sale is recorded; lock hides all', async ({
  context,
  baseURL,
}, testInfo) => {
  test.setTimeout(patience(300_000));
  const { page } = await threePeopleAtCounter(context, baseURL ?? '');
  const catalogue = testInfo.outputPath('catalogue.csv');
  await writeFile(catalogue, catalogueCsv(new Date()));
  await page.getByRole('link', { name: 'Products' }).click();
  await page.getByLabel('Import catalogue CSV').setInputFiles(catalogue);
  await expect(page.getByText('12 products imported, 0 rows skipped.')).toBeVisible();

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Gender', { exact: true }).uncheck();
  await page.getByLabel('Mood (emotion)').uncheck();
  await page.getByRole('link', { name: 'Counter' }).click();
  await expect(faceButtons(page).filter({ hasText: /Visitor #\d+/ })).toHaveCount(3, { timeout: patience(60_000) });
  const card = page.locator('customer-card');
  await expect(card).toContainText('Age');
  await expect(card).not.toContainText('Gender');
  await expect(card).not.toContainText('Mood');

  // A sale for the visitor being served.
  await card.getByRole('button', { name: 'Add sale' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sale' });
  await dialog.getByLabel('Product code or name').fill('OUT5');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await dialog.getByLabel('Product code or name').fill('NOPE');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByRole('alert')).toContainText('not in the catalogue');
  await dialog.getByRole('button', { name: 'Record sale' }).click();
  await expect(page.getByText('Sale recorded (1 item).')).toBeVisible();

  // Locked: no card, no faces, no names; only the passphrase form.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.locator('#passphrase')).toBeVisible();
  await expect(page.locator('customer-card')).toHaveCount(0);
  await expect(page.locator('face-overlay')).toHaveCount(0);
  expect(await page.locator('main').innerText()).not.toMatch(/Visitor #|Outdoor item/);
  await unlock(page);
});
