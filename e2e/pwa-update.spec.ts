// A new version is deployed while a customer's card is on screen (issue 8): the running app must not reload under
// the staff's hands. It offers the update; the card stays; only on "Reload now" does the new version take over,
// and the app comes back locked with its data intact.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unlock, waitForServiceWorkerActive } from './support/app';
import { root } from './support/clips';
import { TEST_BUILD_DIR, onTestBuild } from './support/builds';
import { expect, test } from './support/fixtures';
import { waitForCard } from './support/frames';
import { patience } from './support/patience';
import { openCounter } from './support/members';
import { oneVisitorClip } from './support/scenes';

onTestBuild();

test('a service worker update while a card is open is offered, never forced', async ({ baseURL }) => {
  test.setTimeout(patience(240_000));
  const { browser, page, leaks } = await openCounter(await oneVisitorClip(), baseURL ?? '');
  // The next release is deployed: the server (vite preview reads files afresh) now serves a service worker one
  // comment longer, as any change to the app's files would make it. Put back whatever happens.
  const swFile = path.join(root, TEST_BUILD_DIR, 'sw.js');
  const released = await readFile(swFile, 'utf8');
  try {
    await waitForServiceWorkerActive(page);
    // As on any day after the first: the page is controlled by the installed version (on the very first visit
    // nothing is, and a new version would simply take over without waiting).
    await page.reload();
    await unlock(page);
    await page.getByRole('link', { name: 'Counter' }).click();
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    const card = page.getByTestId('card-title');
    await waitForCard(page, /Visitor #\d+/);
    const visitor = await card.textContent();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await writeFile(swFile, `${released}\n// next release\n`);
    // What the app's hourly check (or the browser on a navigation) does.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    const prompt = page.locator('update-prompt');
    await expect(prompt).toContainText('A new version of Counterpart is available.', { timeout: patience(60_000) });
    // Nothing was swapped under the staff: same document, same customer on the card.
    await page.waitForTimeout(2000);
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await expect(card).toHaveText(visitor ?? '');

    await prompt.getByRole('button', { name: 'Reload now' }).click();
    await expect(page.locator('status-strip [data-status="lock"] .value')).toHaveText('locked', {
      timeout: patience(60_000),
    });
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBeUndefined();
    await unlock(page);
    await page.getByRole('link', { name: 'Counter' }).click();
    await waitForCard(page, /Visitor #\d+/);
    expect(leaks).toEqual([]);
  } finally {
    await writeFile(swFile, released);
    await browser.close();
  }
});
