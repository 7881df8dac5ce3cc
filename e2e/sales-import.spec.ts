// A sales file is read by rules decided once for the whole file (issue 19): a UK till export's 03/04 and 25/04
// are both April, the preview says why and lets staff change it, and importing the same file again adds nothing.
// The sales then appear in Products › Sales, in the shop's currency (euros here), where a mistaken one is voided.
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { setUpApp } from './support/app';
import { addProduct } from './support/sales-import';
import { onShippedBuild } from './support/builds';
import { expect, test } from './support/fixtures';
import { patience } from './support/patience';

onShippedBuild();

const UK_FILE = [
  'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country',
  '900001,TEA1,Breakfast tea,2,03/04/2026 10:15,3.20,,United Kingdom',
  '900001,MUG1,Mug,1,03/04/2026 10:15,6.00,,United Kingdom',
  '900002,TEA1,Breakfast tea,1,25/04/2026 16:40,3.20,,United Kingdom',
  'C900003,MUG1,Mug,-1,26/04/2026 09:05,6.00,,United Kingdom',
].join('\r\n');

/** Month (1-12) and day of every stored sale, oldest first, read from the database's time index. */
function storedSaleDays(page: Page): Promise<[number, number][]> {
  return page.evaluate(
    () =>
      new Promise<[number, number][]>((resolve, reject) => {
        const open = indexedDB.open('counterpart');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const days: [number, number][] = [];
          const cursor = db.transaction('purchases').objectStore('purchases').index('byTime').openKeyCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) {
              db.close();
              resolve(days);
              return;
            }
            const at = new Date(c.key as number);
            days.push([at.getMonth() + 1, at.getDate()]);
            c.continue();
          };
          cursor.onerror = () => reject(new Error(String(cursor.error)));
        };
      }),
  );
}

test('a UK file’s 03/04 and 25/04 both import as April, and the same file imported twice adds nothing', async ({
  page,
}, testInfo) => {
  const file = testInfo.outputPath('till-export-uk.csv');
  await writeFile(file, UK_FILE);
  await setUpApp(page, '/');
  // The counter would analyse the fake camera's picture meanwhile; this test is about the import.
  await page.getByRole('button', { name: 'Stop camera' }).click();
  // The shop sells in euros: every price on the Products screen is written in euros.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByRole('link', { name: 'Products' }).click();

  await page.getByLabel('Sales CSV file').setInputFiles(file);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible({ timeout: patience(60_000) });
  const order = preview.getByLabel('Dates in this file are written');
  await expect(order).toHaveValue('dmy');
  await expect(preview.getByTestId('date-order-basis')).toContainText('“25/04/2026 16:40” can only be read this way');
  // Changed to month first, the preview says which rows would not fit (25/04 and 26/04); changed back, none.
  await order.selectOption('mdy');
  await expect(preview.getByTestId('date-misfits')).toContainText('2 rows have a date that is not valid');
  await order.selectOption('dmy');
  await expect(preview.getByTestId('date-misfits')).toHaveCount(0);
  // The return is marked by its "C" invoice and taken back: proposed from the file, shown, changeable.
  await expect(preview.getByLabel('Invoices starting with these letters are cancellations')).toHaveValue('C');
  await expect(preview.getByTestId('cancel-rows')).toContainText('1 row matches');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();

  const report = page.getByTestId('import-report');
  await expect(report).toContainText('2 new sales', { timeout: patience(60_000) });
  expect(await storedSaleDays(page)).toEqual([
    [4, 3],
    [4, 25],
  ]);

  // The same file again: nothing is added, and the report says why.
  await page.getByLabel('Sales CSV file').setInputFiles(file);
  await expect(preview).toBeVisible({ timeout: patience(60_000) });
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(report).toContainText('0 new sales', { timeout: patience(60_000) });
  await expect(report.getByTestId('duplicates-skipped')).toContainText(
    '2 sales were already imported (same invoice and lines) and were not added again.',
  );
  expect(await storedSaleDays(page)).toHaveLength(2);

  // Products › Sales: both sales with each day's takings; a mistaken sale is voided, kept and marked, and the
  // day's takings no longer count it.
  const sales = page.getByRole('table', { name: 'Sales, newest first' });
  await expect(sales.locator('tbody tr')).toHaveCount(2);
  const totals = page.getByTestId('day-totals');
  await expect(totals).toContainText('2026-04-03: €12.40');
  await expect(totals).toContainText('2026-04-25: €3.20');
  const row = sales.locator('tr[data-invoice="900002"]');
  await row.getByRole('button', { name: 'Void' }).click();
  await row.getByRole('button', { name: 'Confirm void' }).click();
  await expect(row).toContainText('voided');
  await expect(totals).toContainText('2026-04-25: €0.00');
  await expect(sales.locator('tbody tr')).toHaveCount(2);
});

test('a product added by hand is in the catalogue at once, its code stays unique, and it can be archived', async ({
  page,
}) => {
  await setUpApp(page, '/');
  await page.getByRole('button', { name: 'Stop camera' }).click();
  await page.getByRole('link', { name: 'Products' }).click();
  await addProduct(page, 'HAT-1', 'Felt hat', '24.50');
  const row = page.locator('catalogue-section tr[data-code="HAT-1"]');
  await expect(row).toContainText('Felt hat');
  await expect(row).toContainText('24.50');

  await addProduct(page, 'HAT-1', 'Another hat', '9');
  await expect(page.getByRole('status').filter({ hasText: 'already exists' })).toBeVisible();
  await expect(page.locator('catalogue-section tbody tr')).toHaveCount(1);

  await row.getByRole('button', { name: 'Archive Felt hat' }).click();
  await expect(row).toContainText('archived');
  await row.getByRole('button', { name: 'Restore Felt hat' }).click();
  await expect(row).not.toContainText('archived');
});

test('reading a large file for the preview shows how far it is and can be stopped; read again, it is offered', async ({
  page,
}, testInfo) => {
  test.setTimeout(patience(180_000));
  // About 52 MB of till lines: long enough to read that the progress is seen and the stop button can be pressed.
  const file = testInfo.outputPath('large-till-export.csv');
  const header = 'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country';
  const line = (i: number) =>
    `${900000 + Math.floor(i / 3)},P${i % 500},Product ${i % 500},1,25/04/2026 10:15,3.20,,United Kingdom`;
  const block = Array.from({ length: 10_000 }, (_, i) => line(i)).join('\r\n');
  await writeFile(file, [header, ...Array.from({ length: 80 }, () => block)].join('\r\n'));
  await setUpApp(page, '/');
  await page.getByRole('button', { name: 'Stop camera' }).click();
  await page.getByRole('link', { name: 'Products' }).click();

  await page.getByLabel('Sales CSV file').setInputFiles(file);
  const reading = page.getByTestId('surveying');
  await expect(reading).toBeVisible({ timeout: patience(30_000) });
  await expect(reading).toContainText('Reading large-till-export.csv');
  // The bar moves.
  await expect
    .poll(() => reading.locator('progress').evaluate((p: HTMLProgressElement) => p.value), {
      timeout: patience(60_000),
    })
    .toBeGreaterThan(0);
  await reading.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Reading stopped' })).toHaveText(
    'Reading stopped. Nothing from this file was imported.',
  );
  await expect(page.getByTestId('import-preview')).toHaveCount(0);

  // Chosen again and read to the end, it is offered for import like any file.
  await page.getByLabel('Sales CSV file').setInputFiles(file);
  await expect(page.getByTestId('import-preview')).toContainText('800,000 rows of sales', {
    timeout: patience(120_000),
  });
});
