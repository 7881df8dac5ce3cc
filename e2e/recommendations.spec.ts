// Issue 5, end to end: a sales CSV (Online Retail II layout) and a catalogue with a discount are imported through
// the Products screen, the recommender is trained in the worker, and a member linked to a customer of that file
// sees recommendations on their card, with the discount shown as a reason.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setUpApp } from './support/app';
import { onTestBuild } from './support/builds';
import { buildPhoto, clipDir } from './support/clips';
import { expect, test } from './support/fixtures';
import { waitForFrames } from './support/frames';
import { enrolMemberFromPhotos } from './support/members';
import { patience } from './support/patience';
import { importSalesFile } from './support/sales-import';
import { facematchMan } from './support/people';
import { CUSTOMER, catalogueCsv, salesCsv } from './support/sales';
import { installScriptedCamera } from './support/scripted-camera';
import { applyLivenessChoice } from './support/counter';

onTestBuild();

test('import sales and a catalogue, train, and see recommendations with a discount reason on a member card', async ({
  context,
  baseURL,
}) => {
  test.setTimeout(patience(300_000));
  const now = new Date();
  await mkdir(clipDir, { recursive: true });
  const sales = path.join(clipDir, 'sales.csv');
  const catalogue = path.join(clipDir, 'catalogue.csv');
  await writeFile(sales, salesCsv(now));
  await writeFile(catalogue, catalogueCsv(now));
  const photos = await Promise.all([0, 1, 2].map((k) => buildPhoto(`man-${k}`, [facematchMan(k)])));
  // The member stands at the counter (a photo not used for enrolment, moving like a live person).
  await applyLivenessChoice(context);
  await installScriptedCamera(context, { member: { shots: [facematchMan(6)], motion: 'live' } }, { first: 'member' });
  const page = await context.newPage();
  await setUpApp(page, `${baseURL}/`);

  await page.getByRole('link', { name: 'Products' }).click();
  await importSalesFile(page, sales);
  // The Online Retail layout is recognised, so the preview comes without a column-mapping step.
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('82 new sales', { timeout: patience(60_000) });
  await expect(report).toContainText('2 skipped');
  await page.getByLabel('Import catalogue CSV').setInputFiles(catalogue);
  await expect(page.getByText('12 products imported, 0 rows skipped.')).toBeVisible();
  await page.getByRole('button', { name: 'Train recommendations' }).click();
  await expect(page.getByText(/Trained on 82 sales covering 12 products/)).toBeVisible({ timeout: patience(120_000) });

  await enrolMemberFromPhotos(page, 'Vlad Mandic', CUSTOMER, photos);
  const since = await page.evaluate(() => performance.now());
  await page.getByRole('link', { name: 'Counter' }).click();
  await waitForFrames(page, { since, faces: 1, count: 6, timeout: patience(120_000) });
  await expect(page.getByTestId('card-title')).toHaveText('Vlad Mandic');
  const list = page.getByTestId('recommendations');
  await expect(list.locator('li').first()).toBeVisible({ timeout: patience(30_000) });
  // Outdoor things first (his style), the discounted one with its reason; nothing from the party style on top.
  await expect(list.locator('li').first()).toContainText('Outdoor item');
  await expect(list.locator('li').filter({ hasText: 'Outdoor item 5' })).toContainText('25% off now');
  await expect(list).toContainText('Bought with');
});
