// Issue 5, end to end: a sales CSV (Online Retail II layout) and a catalogue with a discount are imported through
// the Products screen, the recommender is trained in the worker, and a member linked to a customer of that file
// sees recommendations on their card, with the discount shown as a reason.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setUpApp } from './support/app';
import { buildClip, buildPhoto, clipDir } from './support/clips';
import { expect, test } from './support/fixtures';
import { enrolMemberFromPhotos, launchWithCamera, newCheckedContext } from './support/members';
import { facematchMan } from './support/people';
import { CUSTOMER, catalogueCsv, salesCsv } from './support/sales';

test('import sales and a catalogue, train, and see recommendations with a discount reason on a member card', async ({
  baseURL,
}) => {
  test.setTimeout(300_000);
  const now = new Date();
  await mkdir(clipDir, { recursive: true });
  const sales = path.join(clipDir, 'sales.csv');
  const catalogue = path.join(clipDir, 'catalogue.csv');
  await writeFile(sales, salesCsv(now));
  await writeFile(catalogue, catalogueCsv(now));
  const photos = await Promise.all([0, 1, 2].map((k) => buildPhoto(`man-${k}`, [facematchMan(k)])));
  const clip = await buildClip({ name: 'member-live', scenes: [{ shots: [facematchMan(6)], seconds: 6, live: true }] });
  const browser = await launchWithCamera(clip);
  try {
    const { context, leaks } = await newCheckedContext(browser, baseURL ?? '');
    const page = await context.newPage();
    await setUpApp(page, `${baseURL}/`);

    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByLabel('Sales CSV file').setInputFiles(sales);
    // The Online Retail layout is recognised, so the import starts without a column-mapping step.
    const report = page.getByTestId('import-report');
    await expect(report).toContainText('82 new sales', { timeout: 60_000 });
    await expect(report).toContainText('2 skipped');
    await page.getByLabel('Import catalogue CSV').setInputFiles(catalogue);
    await expect(page.getByText('12 products imported, 0 rows skipped.')).toBeVisible();
    await page.getByRole('button', { name: 'Train recommendations' }).click();
    await expect(page.getByText(/Trained on 82 sales covering 12 products/)).toBeVisible({ timeout: 120_000 });

    await enrolMemberFromPhotos(page, 'Vlad Mandic', CUSTOMER, photos);
    await page.getByRole('link', { name: 'Counter' }).click();
    await expect(page.getByTestId('card-title')).toHaveText('Vlad Mandic', { timeout: 60_000 });
    const list = page.getByTestId('recommendations');
    await expect(list.locator('li').first()).toBeVisible({ timeout: 30_000 });
    // Outdoor things first (his style), the discounted one with its reason; nothing from the party style on top.
    await expect(list.locator('li').first()).toContainText('Outdoor item');
    await expect(list.locator('li').filter({ hasText: 'Outdoor item 5' })).toContainText('25% off now');
    await expect(list).toContainText('Bought with');
    expect(leaks).toEqual([]);
  } finally {
    await browser.close();
  }
});
