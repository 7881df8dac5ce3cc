// Steps shared by the tests that enrol members and watch the counter through a fake camera.
import { type Browser, type BrowserContext, type Page, chromium, expect } from '@playwright/test';
import { setUpApp, waitForModels } from './app';
import { type LivenessChoice, applyLivenessChoice } from './counter';
import { chromiumLaunchArgs, chromiumPath } from './browser';
import { trackLeaks } from './fixtures';
import { slowDownBrowser } from './slow-machine';
import { patience } from './patience';

export async function launchWithCamera(clip: string, extraArgs: readonly string[] = []): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumLaunchArgs({ fakeVideoFile: clip }), ...extraArgs],
  });
  return slowDownBrowser(browser);
}

/**
 * A context on `browser` whose requests (never off the origin) and logs (never personal data) are checked. The
 * test build takes every face in it as live (the fake camera's clips are moved photos) unless
 * `choice.realLivenessCheck`.
 */
export async function newCheckedContext(browser: Browser, baseURL: string, choice: LivenessChoice = {}) {
  const context = await browser.newContext({ permissions: ['camera'] });
  await applyLivenessChoice(context, choice);
  return { context, leaks: trackLeaks(context, new URL(baseURL).origin) };
}

/**
 * Chromium with a fake camera playing `clip`, a checked context (faces taken as live unless
 * `options.realLivenessCheck`), and the app set up and on the Counter screen: the opening of every test that
 * watches the counter. Close `browser` when done.
 */
export async function openCounter(
  clip: string,
  baseURL: string,
  options: { beforeLoad?: (page: Page) => Promise<void> } & LivenessChoice = {},
) {
  const browser = await launchWithCamera(clip);
  const { context, leaks } = await newCheckedContext(browser, baseURL, options);
  const page = await context.newPage();
  await options.beforeLoad?.(page);
  await setUpApp(page, `${baseURL}/`);
  await page.getByRole('link', { name: 'Counter' }).click();
  await waitForModels(page);
  return { browser, context, page, leaks };
}

export async function enrolFromPhotos(
  context: BrowserContext,
  baseURL: string,
  name: string,
  loyalty: string,
  photos: string[],
) {
  const page = await context.newPage();
  await setUpApp(page, `${baseURL}/`);
  await enrolMemberFromPhotos(page, name, loyalty, photos);
  return page;
}

/** Enrols a member from photo files through the wizard, starting from any screen of an unlocked app. */
export async function enrolMemberFromPhotos(
  page: Page,
  name: string,
  loyalty: string,
  photos: string[],
): Promise<void> {
  await waitForModels(page);
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('button', { name: 'Enrol a member' }).click();
  // Consent first: the wizard cannot go on without it.
  const next = page.getByRole('button', { name: 'Continue' });
  await expect(next).toBeDisabled();
  await page.getByLabel('The customer has read this and agrees to be recognised.').check();
  await next.click();
  await page.getByLabel('Photo files').check();
  await page.getByLabel('Choose one or more photos of the customer').setInputFiles(photos);
  await expect(page.getByTestId('photo-outcomes').locator('li')).toHaveCount(photos.length, {
    timeout: patience(60_000),
  });
  await expect(page.getByTestId('photo-outcomes')).toContainText('used');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Name to show staff').fill(name);
  if (loyalty) await page.getByLabel('Loyalty or customer number').fill(loyalty);
  await page.getByRole('button', { name: 'Save member' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} is now a member.` })).toBeVisible({
    timeout: patience(30_000),
  });
}
