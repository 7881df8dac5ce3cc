// Counting does not depend on the screen (issue 17): people who come and go for several minutes while staff are
// on other screens, and while the app is locked, are in Analytics afterwards; nothing about them is on screen
// meanwhile. With "count while locked" switched off, the camera is off while locked, nobody is counted, and
// Analytics says when nothing was counted. People come and go on the test's command (the scripted camera), each
// visit held until the app has analysed enough frames of it and then ended.
import type { Page } from '@playwright/test';
import { unlock } from './support/app';
import { onTestBuild } from './support/builds';
import { openCounterWithScenes } from './support/counter';
import { expect, test } from './support/fixtures';
import { analysedFrames, waitForFrames } from './support/frames';
import { patience } from './support/patience';
import { facematchMan, samplePerson } from './support/people';
import type { ScriptedCamera } from './support/scripted-camera';
import { COUNTING_GAP_MS } from '../src/core/analytics/counting-gaps';

onTestBuild();

const SCENES = {
  first: { shots: [samplePerson('blonde')], motion: 'live' },
  second: { shots: [samplePerson('brunette')], motion: 'live' },
  third: { shots: [facematchMan(6)], motion: 'live' },
} as const;

/** Someone walks up, is analysed for a while, and leaves; returns once their visit has ended. */
async function visit(page: Page, camera: ScriptedCamera, who: keyof typeof SCENES): Promise<void> {
  const came = await camera.show(who);
  await waitForFrames(page, { since: came, faces: 1, count: 8 });
  const left = await camera.show('nobody');
  await waitForFrames(page, { since: left, faces: 0, tracks: 0, count: 2 });
}

/** Where staff are while someone comes and goes: another screen, or the app locked. */
const PLACES = ['Products', 'locked', 'Members', 'Analytics', 'locked', 'Settings'] as const;
const PEOPLE = ['first', 'second', 'third'] as const;
/** Camera time spent away from the Counter screen before the figures are checked: several minutes. */
const AWAY_MS = 3 * 60_000;

/** The `i`th item of a list gone round and round. */
function inTurn<T>(list: readonly [T, ...T[]], i: number): T {
  return list[i % list.length] ?? list[0];
}

const figures = (page: Page) => page.evaluate(() => window.counterpartDiagnostics?.analytics(1));

/** A visit made while locked: the camera stays on, and nothing about the person in view is on screen. */
async function lockedVisit(page: Page, camera: ScriptedCamera, who: keyof typeof SCENES): Promise<void> {
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.locator('#passphrase')).toBeVisible();
  const came = await camera.show(who);
  await waitForFrames(page, { since: came, faces: 1, count: 8 });
  await expect(page.locator('customer-card')).toHaveCount(0);
  await expect(page.locator('face-overlay')).toHaveCount(0);
  expect(await page.locator('main').innerText()).not.toMatch(/Visitor #/);
  const left = await camera.show('nobody');
  await waitForFrames(page, { since: left, faces: 0, tracks: 0, count: 2 });
  await unlock(page);
}

test('visits are counted on other screens and while locked; with counting while locked off, they are not and the gap is shown', async ({
  context,
  baseURL,
}) => {
  test.setTimeout(patience(600_000));
  const { page, camera } = await openCounterWithScenes(context, baseURL ?? '', SCENES);
  const cameraStatus = page.locator('status-strip [data-status="camera"] .value');
  await expect(cameraStatus).toHaveText('live');

  // Staff at work on other screens, and the app locked now and then, for several minutes while people come and
  // go (the three people return, as regulars do).
  const started = Date.now();
  let visits = 0;
  let lockedVisits = 0;
  while (Date.now() - started < AWAY_MS) {
    const place = inTurn(PLACES, visits);
    const who = inTurn(PEOPLE, visits);
    if (place === 'locked') {
      await lockedVisit(page, camera, who);
      lockedVisits++;
    } else {
      await page.getByRole('link', { name: place }).click();
      await visit(page, camera, who);
    }
    visits++;
  }
  expect(lockedVisits).toBeGreaterThan(0);
  console.log(
    `${visits} visits (${lockedVisits} while locked) in ${Math.round((Date.now() - started) / 1000)} s away from the Counter screen`,
  );
  await expect.poll(async () => (await figures(page))?.footfall).toBe(visits);
  expect((await figures(page))?.cameraOff).toBe(0);

  // Counting while locked switched off: locked, the camera is off and the third person is not counted.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Count visitors while the app is locked').uncheck();
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(cameraStatus).not.toHaveText('live');
  const frozen = await analysedFrames(page);
  await camera.show('third');
  // Off for longer than a gap (the silence that counts as "camera off"): that is the behaviour under test.
  await page.waitForTimeout(COUNTING_GAP_MS + 5000);
  expect(await analysedFrames(page)).toBe(frozen);
  await camera.show('nobody');
  await unlock(page);
  await expect(cameraStatus).toHaveText('live', { timeout: patience(30_000) });
  // The first frame after the unlock ends the gap, which is then on record.
  await expect.poll(async () => (await figures(page))?.cameraOff, { timeout: patience(60_000) }).toBe(1);
  expect((await figures(page))?.footfall).toBe(visits);
  await page.getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByTestId('footfall')).toContainText(String(visits));
  await expect(page.getByTestId('camera-off')).toContainText('The camera was off');
});
