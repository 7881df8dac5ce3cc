// A shop's first day, in each engine staff use besides Chromium (WebKitGTK for Safari, Firefox ESR), against the
// shipped build: first run with a passphrase and no demo shop; a member enrolled from photo files; the counter,
// fed a video file through "Use a video or photo instead of the camera", names that member; lock and unlock; the
// app reloaded from its service worker with the server gone. The steps share one browser and run in order.
import { PASSPHRASE } from '../support/app';
import { buildPhoto, buildVideo } from '../support/clips';
import { facematchMan } from '../support/people';
import type { EngineDriver } from './driver';
import { test, waitUntil } from './fixtures';
import { expect } from '@playwright/test';

test.describe.configure({ mode: 'serial' });

const MEMBER = 'Vlad Mandic';
const MINUTE = 60_000;

const statusOf = (driver: EngineDriver, item: string) => driver.text({ css: `[data-status="${item}"] .value` });

async function waitForStatus(driver: EngineDriver, item: string, value: string, timeoutMs = 2 * MINUTE) {
  await waitUntil(
    () => statusOf(driver, item),
    (v) => v === value,
    `status ${item} = ${value}`,
    timeoutMs,
  );
}

async function unlock(driver: EngineDriver) {
  await waitUntil(() => driver.text({ css: 'h2', text: 'Counterpart is locked' }), Boolean, 'the lock screen');
  await driver.fill({ css: '#passphrase' }, PASSPHRASE);
  await driver.click({ css: 'button[type="submit"]', text: 'Unlock' });
  await waitForStatus(driver, 'lock', 'unlocked');
}

test('first run: a staff passphrase, no demo shop, the face models verified and loaded', async ({ driver, app }) => {
  test.info().annotations.push({ type: 'engine', description: await driver.version().catch(() => '?') });
  await driver.goto(app.url);
  await waitUntil(() => driver.text({ text: 'Welcome to Counterpart' }), Boolean, 'the welcome');
  await driver.fill({ css: '#passphrase' }, PASSPHRASE);
  await driver.fill({ css: '#confirm' }, PASSPHRASE);
  await driver.click({ label: 'Load the demo shop' });
  await driver.click({ css: 'button[type="submit"]', text: 'Create and unlock' });
  await waitForStatus(driver, 'lock', 'unlocked');
  await waitForStatus(driver, 'models', 'ready', 10 * MINUTE);
});

test('a member is enrolled from photo files', async ({ driver }) => {
  const photos = await Promise.all([0, 1, 2].map((k) => buildPhoto(`man-${k}`, [facematchMan(k)])));
  await driver.click({ css: 'a', text: 'Members' });
  await driver.click({ css: 'button', text: 'Enrol a member' });
  await driver.click({ label: 'agrees to be recognised' });
  await driver.click({ css: 'button', text: 'Continue' });
  await driver.click({ label: 'Photo files' });
  await driver.setFiles({ label: 'Choose one or more photos of the customer' }, photos);
  // Each photo gets its outcome; at least one is used (a second near-identical one may be "not needed").
  const outcomes = await waitUntil(
    () => driver.text({ css: '[data-testid="photo-outcomes"]' }),
    (t) => (t.match(/\.png: \S/g) ?? []).length === photos.length && t.includes(': used'),
    'an outcome for every photo',
    5 * MINUTE,
  );
  test.info().annotations.push({ type: 'photo outcomes', description: outcomes });
  await driver.click({ css: 'button', text: 'Continue' });
  await driver.fill({ label: 'Name to show staff' }, MEMBER);
  await driver.fill({ label: 'Loyalty or customer number' }, 'L-1001');
  await driver.click({ css: 'button', text: 'Save member' });
  await waitUntil(() => driver.text({ text: `${MEMBER} is now a member.` }), Boolean, 'the enrolment message');
});

test('the counter names the member from a video file', async ({ driver }) => {
  // Other photos of the same man than those enrolled, in turn, as a low-frame-rate recording of him would show.
  const video = await buildVideo(
    'member-video',
    [3, 4, 5, 6, 7, 3, 4, 5, 6, 7].map((k) => [facematchMan(k)]),
    { fps: 2 },
  );
  await driver.click({ css: 'a', text: 'Counter' });
  await driver.setFiles({ label: 'Use a video or photo instead of the camera' }, [video]);
  await waitUntil(
    () => driver.text({ css: '[data-testid="card-title"]' }),
    (t) => t === MEMBER,
    'the member named',
    // A bound on how long a broken build takes to fail, not a speed target: a slow engine needs a full window of
    // liveness samples and a few matching frames, analysed one by one.
    10 * MINUTE,
  );
});

test('lock hides everything personal; unlock brings the app back', async ({ driver }) => {
  await driver.click({ css: 'button', text: 'Lock' });
  await waitForStatus(driver, 'lock', 'locked');
  const main = await driver.evaluate(() => document.body.innerText);
  expect(main).not.toContain(MEMBER);
  await unlock(driver);
});

test('with the server gone, the app reloads from its service worker and unlocks', async ({ driver, app }) => {
  // Installed and in control of the page (on the very first visit the page is not controlled yet).
  await waitUntil(
    () => driver.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? ''),
    (s) => s === 'activated',
    'the service worker active',
    5 * MINUTE,
  );
  await driver.reload();
  await unlock(driver);
  expect(await driver.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await app.stop();
  try {
    await driver.reload();
    await unlock(driver);
    await waitForStatus(driver, 'models', 'ready', 10 * MINUTE);
    const probe = await driver.evaluate(() =>
      fetch(`./not-precached-${Date.now()}.txt`).then(
        (r) => r.status,
        () => 0,
      ),
    );
    expect(probe, 'the server is really gone').toBe(0);
  } finally {
    await app.start();
  }
});
