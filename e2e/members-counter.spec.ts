// A member enrolled from photos is recognised at the counter from a different photo of the same man, a
// stranger is shown as an unknown visitor, and a still picture of the member held up to the camera is flagged
// and not named. The fake camera plays clips built from real photos (e2e/support/people.ts).
import { enrolFromPhotos, launchWithCamera, newCheckedContext } from './support/members';
import { buildClip, buildPhoto } from './support/clips';
import { expect, test } from './support/fixtures';
import { facematchMan, samplePerson } from './support/people';

test.describe.configure({ mode: 'serial' });

test('a member is recognised from another photo; a stranger is an unknown visitor; a still photo is flagged', async ({
  baseURL,
}) => {
  test.setTimeout(300_000);
  const photos = await Promise.all([0, 1, 2].map((k) => buildPhoto(`man-${k}`, [facematchMan(k)])));
  // Scene 1: the member (a photo not used for enrolment), moving like a live person. Scene 2: nobody.
  // Scene 3: a stranger. Scene 4: nobody. The clip loops.
  const clip = await buildClip({
    name: 'member-then-stranger',
    scenes: [
      { shots: [facematchMan(6)], seconds: 6, live: true },
      { shots: [], seconds: 3, live: true },
      { shots: [samplePerson('blonde')], seconds: 6, live: true },
      { shots: [], seconds: 3, live: true },
    ],
  });
  const browser = await launchWithCamera(clip);
  try {
    const { context, leaks } = await newCheckedContext(browser, baseURL ?? '');
    const page = await enrolFromPhotos(context, baseURL ?? '', 'Vlad Mandic', 'L-1001', photos);
    await page.getByRole('link', { name: 'Counter' }).click();
    const title = page.getByTestId('card-title');
    await expect(title).toHaveText('Vlad Mandic', { timeout: 60_000 });
    // The card says how long it took from the face's first detection to his name. Recorded, not asserted: speed
    // targets belong to `npm run bench -- counter`, where the machine is not shared with other work.
    const after = Number(await page.locator('customer-card').getAttribute('data-identified-after'));
    test.info().annotations.push({ type: 'recognition-latency-ms', description: String(after) });
    expect(after).toBeGreaterThanOrEqual(0);
    // Then he leaves and a stranger steps up: an anonymous visitor, never a member's name.
    await expect(title).toHaveText(/Visitor #\d+/, { timeout: 30_000 });
    expect(leaks).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a still picture of a member held to the camera is not named', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const photos = await Promise.all([0, 1, 2].map((k) => buildPhoto(`man-${k}`, [facematchMan(k)])));
  const clip = await buildClip({
    name: 'member-still',
    scenes: [{ shots: [facematchMan(6)], seconds: 2, live: false }],
  });
  const browser = await launchWithCamera(clip);
  try {
    const { context, leaks } = await newCheckedContext(browser, baseURL ?? '');
    const page = await enrolFromPhotos(context, baseURL ?? '', 'Vlad Mandic', 'L-1001', photos);
    await page.getByRole('link', { name: 'Counter' }).click();
    await expect(page.getByTestId('card-title')).toHaveText('Not recognised', { timeout: 60_000 });
    expect(leaks).toEqual([]);
    await expect(page.locator('customer-card').getByRole('alert')).toContainText('photo or a screen');
    // And it stays that way: the member's name never appears.
    await page.waitForTimeout(3000);
    await expect(page.getByTestId('card-title')).not.toHaveText('Vlad Mandic');
  } finally {
    await browser.close();
  }
});
