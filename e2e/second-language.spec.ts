// Issue 19, a second language: a shop sets German and euros in Settings › Shop, and every screen it then goes
// through (settings, a sales import with its preview and report, the catalogue and its form, the sales list,
// enrolment from consent to saving, the members list, analytics, the watch-list and the audit log, the counter
// with a member's card, the sale dialog, the lock screen, and after a restart) shows no string of the English
// catalogue, and prices in euros.
// The check itself is shown to find English on an English screen first, so it cannot pass by seeing nothing.
import { de } from '../src/i18n/catalogue/de';
import { PASSPHRASE, setUpApp, waitForModels } from './support/app';
import { onTestBuild } from './support/builds';
import { buildPhoto } from './support/clips';
import { applyLivenessChoice } from './support/counter';
import { expect, test } from './support/fixtures';
import { waitForFrames } from './support/frames';
import { englishOf, englishOnScreen, filled } from './support/language';
import { patience } from './support/patience';
import { facematchMan } from './support/people';
import { CUSTOMER, writeShopFiles } from './support/sales';
import { importSalesFile } from './support/sales-import';
import { installScriptedCamera } from './support/scripted-camera';

onTestBuild();

const MEMBER = 'Vlad Mandic';
/** Shop data on screen, not the catalogue's to translate: product, category and member names, file names. */
const SHOP_DATA = [
  MEMBER,
  CUSTOMER,
  'Felt hat',
  ...[1, 2, 3, 4, 5, 6].flatMap((i) => [`Outdoor item ${i}`, `Party item ${i}`, `Item OUT${i}`, `Item PTY${i}`]),
  'Jackets',
  'Boots',
  'Dresses',
  'Shoes',
  'hat-sales.csv',
];
/** A price in euros written the German way: 18,00 €. */
const EURO = /\d,\d\d\s€/;

test('in German with euros, no screen shows English, and prices are in euros', async ({ context, baseURL }) => {
  test.setTimeout(patience(480_000));
  const now = new Date();
  const { sales, catalogue, hatSales } = await writeShopFiles(now);
  const photos = await Promise.all([0, 1, 2].map((k) => buildPhoto(`man-${k}`, [facematchMan(k)])));
  await applyLivenessChoice(context);
  await installScriptedCamera(context, { member: { shots: [facematchMan(6)], motion: 'live' } }, { first: 'member' });
  const page = await context.newPage();
  await setUpApp(page, `${baseURL}/`);
  const english = englishOf(de);
  const expectNoEnglish = async (screen: string) =>
    expect(await englishOnScreen(page, english, SHOP_DATA), `English on ${screen}`).toEqual([]);

  // The shop's data, set up in English.
  await page.getByRole('link', { name: 'Products' }).click();
  await importSalesFile(page, sales);
  await expect(page.getByTestId('import-report')).toContainText('82 new sales', { timeout: patience(60_000) });
  await page.getByLabel('Import catalogue CSV').setInputFiles(catalogue);
  await expect(page.getByText('12 products imported, 0 rows skipped.')).toBeVisible();
  await page.getByRole('button', { name: 'Train recommendations' }).click();
  await expect(page.getByText(/Trained on 82 sales/)).toBeVisible({ timeout: patience(120_000) });
  await waitForModels(page);
  // The check finds English where there is English.
  expect((await englishOnScreen(page, english, SHOP_DATA)).length).toBeGreaterThan(10);

  // Settings › Shop: euros, then German; every screen follows at once, without a reload.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel(/^Currency/).selectOption('EUR');
  await page.getByLabel(/^Language and formats/).selectOption('de-DE');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { name: de.pages.settings.title })).toBeVisible();
  await expect(page.getByText(filled(de.settingsPage.shopHelp, 'de', { example: '1.234,50\u00a0€' }))).toBeVisible();
  await expectNoEnglish('Settings');

  // Products: an import, its preview and report; the catalogue in euros and its form; the sales list.
  await page.getByRole('link', { name: de.nav.products }).click();
  await page.getByLabel(de.products.chooseSales).setInputFiles(hatSales);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible({ timeout: patience(60_000) });
  await expectNoEnglish('the import preview');
  await preview.getByRole('button', { name: de.products.startImport, exact: true }).click();
  await expect(page.getByTestId('import-report')).toContainText('12 neue', { timeout: patience(60_000) });
  await expectNoEnglish('the import report');
  await expect(page.getByRole('row').filter({ hasText: 'Outdoor item 5' }).first()).toContainText(EURO);
  await expect(page.getByRole('table', { name: de.salesList.label })).toContainText(EURO);
  await page.getByRole('button', { name: de.catalogue.add }).click();
  await expect(page.getByRole('form', { name: de.catalogue.addTitle })).toBeVisible();
  await expectNoEnglish('the product form');
  await page.getByRole('button', { name: de.catalogue.cancel, exact: true }).click();

  // Members: enrolment from consent to saving, in German.
  await page.getByRole('link', { name: de.nav.members }).click();
  await page.getByRole('button', { name: de.members.enrol }).click();
  await expectNoEnglish('the consent step');
  await page.getByLabel(de.enrol.agree).check();
  await page.getByRole('button', { name: de.enrol.continue }).click();
  await page.getByLabel(de.enrol.fromPhotos).check();
  await page.getByLabel(de.enrol.choosePhotos).setInputFiles(photos);
  await expect(page.getByTestId('photo-outcomes').locator('li')).toHaveCount(photos.length, {
    timeout: patience(60_000),
  });
  await expect(page.getByTestId('photo-outcomes')).toContainText(de.enrol.photoOk);
  await expectNoEnglish('the capture step');
  await page.getByRole('button', { name: de.enrol.continue }).click();
  await page.getByLabel(de.enrol.name).fill(MEMBER);
  await page.getByLabel(de.enrol.loyalty).fill(CUSTOMER);
  await expectNoEnglish('the details step');
  await page.getByRole('button', { name: de.enrol.save }).click();
  await expect(page.getByText(filled(de.members.enrolled, 'de', { member: MEMBER }))).toBeVisible({
    timeout: patience(30_000),
  });
  await expectNoEnglish('Members');

  await page.getByRole('link', { name: de.nav.analytics }).click();
  await expect(page.getByTestId('analytics-tiles')).toBeVisible({ timeout: patience(60_000) });
  await expectNoEnglish('Analytics');

  // The manager's screens: the watch-list (empty) and the audit log, with action codes and ids, not words.
  await page.getByRole('link', { name: de.nav.watchlist }).click();
  await expect(page.getByText(de.watchPage.empty)).toBeVisible();
  await expectNoEnglish('the watch-list');
  await page.getByRole('link', { name: de.nav.audit }).click();
  await expect(page.getByTestId('audit-log')).toBeVisible();
  await expectNoEnglish('the audit log');

  // The counter: the member's card with suggestions in euros; a sale of the discounted boots in euros.
  const since = await page.evaluate(() => performance.now());
  await page.getByRole('link', { name: de.nav.counter }).click();
  await waitForFrames(page, { since, faces: 1, count: 6, timeout: patience(120_000) });
  await expect(page.getByTestId('card-title')).toHaveText(MEMBER, { timeout: patience(60_000) });
  const suggestions = page.getByTestId('recommendations');
  await expect(suggestions.locator('li').first()).toContainText(EURO, { timeout: patience(30_000) });
  await expectNoEnglish('the counter');
  await page.locator('customer-card').getByRole('button', { name: de.card.addSale }).click();
  const dialog = page.getByRole('dialog', { name: filled(de.sale.titleFor, 'de', { customer: MEMBER }) });
  await dialog.getByLabel(de.sale.product).fill('OUT5');
  await dialog.getByLabel(de.sale.quantity, { exact: true }).fill('1');
  await dialog.getByRole('button', { name: de.sale.add, exact: true }).click();
  // 24.00 less 25 %.
  await expect(dialog.getByTestId('sale-total')).toHaveText(/^18,00\s€$/);
  await expectNoEnglish('the sale dialog');
  await dialog.getByRole('button', { name: de.sale.record }).click();
  await expect(page.getByText(filled(de.sale.recorded, 'de', { items: 1 }))).toBeVisible();

  // Locked, and after a restart: still German.
  await page.getByRole('button', { name: de.lock.lockNow }).click();
  await expect(page.getByRole('heading', { name: de.lock.unlockTitle })).toBeVisible();
  await expectNoEnglish('the lock screen');
  await page.reload();
  await expect(page.getByRole('heading', { name: de.lock.unlockTitle })).toBeVisible({ timeout: patience(30_000) });
  await expectNoEnglish('the lock screen after a restart');
  await page.getByLabel(de.lock.passphrase).fill(PASSPHRASE);
  await page.getByRole('button', { name: de.lock.unlock }).click();
  await expect(page.getByRole('link', { name: de.nav.counter })).toBeVisible();
  await expectNoEnglish('the counter after a restart');
});
