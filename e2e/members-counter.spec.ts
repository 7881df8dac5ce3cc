// A member enrolled from photos is recognised at the counter from a different photo of the same man, a
// stranger is shown as an unknown visitor, and a still picture of the member held up to the camera is flagged
// and not named. The camera shows scenes built from real photos (e2e/support/people.ts) on the test's command,
// each held until the app has analysed enough frames of it.
import { onTestBuild } from './support/builds';
import { buildPhoto } from './support/clips';
import { expect, test } from './support/fixtures';
import { waitForFrames } from './support/frames';
import { enrolMemberFromPhotos } from './support/members';
import { patience } from './support/patience';
import { facematchMan, samplePerson } from './support/people';
import { setUpApp } from './support/app';
import { ScriptedCamera, installScriptedCamera } from './support/scripted-camera';

onTestBuild();
test.describe.configure({ mode: 'serial' });

const SCENES = {
  // A photo of the member that was not used for enrolment, moving like a live person.
  member: { shots: [facematchMan(6)], motion: 'live' },
  stranger: { shots: [samplePerson('blonde')], motion: 'live' },
  // The same photo of the member, held perfectly still.
  'member-still': { shots: [facematchMan(6)], motion: 'still' },
} as const;

async function enrolledMemberAtCounter(context: import('@playwright/test').BrowserContext, baseURL: string) {
  const photos = await Promise.all([0, 1, 2].map((k) => buildPhoto(`man-${k}`, [facematchMan(k)])));
  await installScriptedCamera(context, SCENES);
  const page = await context.newPage();
  await setUpApp(page, `${baseURL}/`);
  await enrolMemberFromPhotos(page, 'Vlad Mandic', 'L-1001', photos);
  await page.getByRole('link', { name: 'Counter' }).click();
  return { page, camera: new ScriptedCamera(page) };
}

test('a member is recognised from another photo; a stranger is an unknown visitor', async ({ context, baseURL }) => {
  test.setTimeout(patience(300_000));
  const { page, camera } = await enrolledMemberAtCounter(context, baseURL ?? '');
  const title = page.getByTestId('card-title');
  let since = await camera.show('member');
  await waitForFrames(page, { since, faces: 1, count: 6, timeout: patience(120_000) });
  await expect(title).toHaveText('Vlad Mandic');
  // He leaves and a stranger steps up: an anonymous visitor, never a member's name.
  since = await camera.show('nobody');
  await waitForFrames(page, { since, faces: 0, tracks: 0 });
  since = await camera.show('stranger');
  await waitForFrames(page, { since, faces: 1, count: 6 });
  await expect(title).toHaveText(/Visitor #\d+/);
});

test('a still picture of a member held to the camera is not named', async ({ context, baseURL }) => {
  test.setTimeout(patience(240_000));
  const { page, camera } = await enrolledMemberAtCounter(context, baseURL ?? '');
  const since = await camera.show('member-still');
  await waitForFrames(page, { since, faces: 1, count: 6, timeout: patience(120_000) });
  await expect(page.getByTestId('card-title')).toHaveText('Not recognised');
  await expect(page.locator('customer-card').getByRole('alert')).toContainText('photo or a screen');
  // And it stays that way: in 20 more analysed frames the face is never shown as a member.
  const verdict = await page.evaluate(() => performance.now());
  await waitForFrames(page, { since: verdict, faces: 1, count: 20 });
  const named = await page.evaluate(
    (t) => (window.counterpartDiagnostics?.frames(t) ?? []).filter((f) => f.kinds.includes('member')).length,
    verdict,
  );
  expect(named).toBe(0);
  await expect(page.getByTestId('card-title')).not.toHaveText('Vlad Mandic');
});
