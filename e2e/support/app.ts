// Steps many end-to-end tests share: first-run set-up with a staff passphrase, and unlocking.
import { type Page, expect } from '@playwright/test';

export const PASSPHRASE = 'counter staff passphrase';

/** Opens the app on a fresh profile and creates the staff passphrase; ends unlocked on the counter. */
export async function setUpApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.locator('#passphrase').fill(PASSPHRASE);
  await page.locator('#confirm').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create and unlock' }).click();
  await expect(page.locator('status-strip [data-status="lock"] .value')).toHaveText('unlocked', { timeout: 30_000 });
}

export async function unlock(page: Page): Promise<void> {
  await page.locator('#passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.locator('status-strip [data-status="lock"] .value')).toHaveText('unlocked', { timeout: 30_000 });
}
