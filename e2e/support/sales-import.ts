// Importing a sales file as staff do: choose it on the Products screen, read the preview (the date order and the
// cancellation rule proposed for the whole file), and confirm it.
import { type Page, expect } from '@playwright/test';
import { patience } from './patience';

/** Chooses `file`, waits for the import preview, and imports with the rules it proposes. */
export async function importSalesFile(page: Page, file: string): Promise<void> {
  await page.getByLabel('Sales CSV file').setInputFiles(file);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible({ timeout: patience(60_000) });
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
}

/** Adds a product by hand on the Products screen (category "Hats"), as staff do with the "Add product" form. */
export async function addProduct(page: Page, code: string, name: string, price: string): Promise<void> {
  await page.getByRole('button', { name: 'Add product' }).click();
  const form = page.getByRole('form', { name: 'New product' });
  await form.getByLabel('Product code').fill(code);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Category').fill('Hats');
  await form.getByLabel('Price').fill(price);
  await form.getByRole('button', { name: 'Save product' }).click();
}
