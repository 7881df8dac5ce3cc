// Steps many end-to-end tests share: first-run set-up with a staff passphrase, and unlocking.
import { type Page, expect } from '@playwright/test';
import { patience } from './patience';

export const PASSPHRASE = 'counter staff passphrase';

/**
 * Opens the app on a fresh profile and creates the staff passphrase; ends unlocked on the counter. The demo shop
 * is left out unless asked for (loading and training it costs CPU time the other tests do not need).
 */
export async function setUpApp(page: Page, path = '/', options: { demo?: boolean } = {}): Promise<void> {
  await page.goto(path);
  await page.locator('#passphrase').fill(PASSPHRASE);
  await page.locator('#confirm').fill(PASSPHRASE);
  await page.getByLabel(/Load the demo shop/).setChecked(options.demo ?? false);
  await page.getByRole('button', { name: 'Create and unlock' }).click();
  await expect(page.locator('status-strip [data-status="lock"] .value')).toHaveText('unlocked', {
    timeout: patience(30_000),
  });
}

export async function unlock(page: Page): Promise<void> {
  await page.locator('#passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.locator('status-strip [data-status="lock"] .value')).toHaveText('unlocked', {
    timeout: patience(30_000),
  });
}

/** The lock item of the status strip ("locked", "unlocked"). */
export const lockState = (page: Page) => page.locator('status-strip [data-status="lock"] .value');

/** Locks with the Lock button, then types `passphrase` and presses Unlock (which may be refused). */
export async function lockThenUnlockWith(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(lockState(page)).toHaveText('locked');
  await page.locator('#passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** Resolves once the service worker has installed (precached everything) and activated. */
export async function waitForServiceWorkerActive(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (reg.active?.state !== 'activated') {
      await new Promise<void>((resolve) => {
        reg.active?.addEventListener('statechange', () => {
          if (reg.active?.state === 'activated') resolve();
        });
      });
    }
  });
}

/**
 * Waits until the face engine has verified and loaded its models (the status strip says so). On a busy or slow
 * machine this can take minutes; tests that watch the counter wait for it before counting on analysed frames.
 */
export async function waitForModels(page: Page): Promise<void> {
  await expect(page.locator('status-strip [data-status="models"] .value')).toHaveText('ready', {
    timeout: patience(300_000),
  });
}
