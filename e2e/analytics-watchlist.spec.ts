// Issue 7, end to end, through a camera the test directs scene by scene (real photos, moving like live people):
// - a person appears, leaves, comes back, and a second person passes: the Analytics screen counts 3 visits by
//   2 unique visitors, 1 of them returning;
// - a person flagged on the watch-list from the counter card sets off the alert when they are seen again.
// Each scene is held until the app has analysed enough frames of it, so the outcome never depends on the
// machine's speed (e2e/support/frames.ts).
import { onTestBuild } from './support/builds';
import { openCounterWithScenes } from './support/counter';
import { expect, test } from './support/fixtures';
import { waitForFrames } from './support/frames';
import { patience } from './support/patience';
import { samplePerson } from './support/people';

onTestBuild();
test.describe.configure({ mode: 'serial' });

const SCENES = {
  blonde: { shots: [samplePerson('blonde')], motion: 'live' },
  brunette: { shots: [samplePerson('brunette')], motion: 'live' },
} as const;

/** Frames of a person the app analyses before the test looks at the card: several, as staff would see. */
const FRAMES_IN_VIEW = 6;

test('a visitor who comes back and a second visitor are counted exactly on the Analytics screen', async ({
  context,
  baseURL,
}) => {
  test.setTimeout(patience(300_000));
  const { page, camera } = await openCounterWithScenes(context, baseURL ?? '', SCENES);
  const title = page.getByTestId('card-title');
  const card = page.locator('customer-card');

  /** `scene` steps up to the counter and stays until the app has analysed several frames of them. */
  const comesIn = async (scene: keyof typeof SCENES) => {
    const since = await camera.show(scene);
    await waitForFrames(page, { since, faces: 1, count: FRAMES_IN_VIEW, timeout: patience(120_000) });
  };
  /** Whoever is there leaves, and the counter ends their visit (no track left open). */
  const leaves = async () => {
    const since = await camera.show('nobody');
    await waitForFrames(page, { since, faces: 0, tracks: 0 });
    await expect(card).toContainText('Nobody at the counter');
  };

  await comesIn('blonde');
  await expect(title).toHaveText('Visitor #1');
  await leaves();
  // The same person again: recognised as the same anonymous visitor (a returning visit).
  await comesIn('blonde');
  await expect(title).toHaveText('Visitor #1');
  await leaves();
  await comesIn('brunette');
  await expect(title).toHaveText('Visitor #2');
  await leaves();

  await page.getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByTestId('footfall').locator('strong')).toHaveText('3');
  await expect(page.getByTestId('unique').locator('strong')).toHaveText('2');
  await expect(page.getByTestId('returning').locator('strong')).toHaveText('1');
});

test('a flagged visitor sets off the watch-list alert when seen again', async ({ context, baseURL }) => {
  test.setTimeout(patience(300_000));
  const { page, camera } = await openCounterWithScenes(context, baseURL ?? '', SCENES);
  const title = page.getByTestId('card-title');
  let since = await camera.show('brunette');
  await waitForFrames(page, { since, faces: 1, count: FRAMES_IN_VIEW, timeout: patience(120_000) });
  await expect(title).toHaveText(/Visitor #\d+/);
  await page.locator('customer-card').getByRole('button', { name: 'Add to watch-list' }).click();
  const flag = page.getByRole('dialog', { name: 'Add to the watch-list' });
  // Staff are told how long the face of someone who is not a member is kept (Settings › Privacy, default 7 days).
  await expect(flag).toContainText('The entry is kept for 7 days');
  // A reason is required: the dialog says so rather than adding an entry without one.
  await flag.getByRole('button', { name: 'Add to the watch-list' }).click();
  await expect(flag).toBeVisible();
  await flag.getByLabel(/^Reason/).fill('Shoplifting reported on Monday');
  await flag.getByRole('button', { name: 'Add to the watch-list' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added to the watch-list.' })).toBeVisible();
  // She leaves and comes back: the alert names the reason.
  since = await camera.show('nobody');
  await waitForFrames(page, { since, faces: 0, tracks: 0 });
  await camera.show('brunette');
  const alert = page.getByTestId('watch-alert');
  await expect(alert).toContainText('Shoplifting reported on Monday', { timeout: patience(60_000) });
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
});
