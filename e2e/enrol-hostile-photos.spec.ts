// Photo enrolment with hostile and broken files (issue 8): the corpus in test-corpus/images (a decompression bomb,
// a lying header, an SVG with scripts, a polyglot, truncated, empty and non-image files) plus a file over the size
// limit, chosen together with one good photo. Every file gets its own clear outcome, nothing runs, the page
// keeps working, and the good photo still enrols the member.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setUpApp } from './support/app';
import { buildPhoto, root } from './support/clips';
import { onShippedBuild } from './support/builds';
import { expect, test } from './support/fixtures';
import { patience } from './support/patience';
import { facematchMan } from './support/people';

onShippedBuild();

const CORPUS = path.join(root, 'test-corpus/images');
const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml' };

/** A file as the picker hands it over, typed by its extension as the operating system would. */
function pickedFile(file: string) {
  const name = path.basename(file);
  return {
    name,
    mimeType: TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
    buffer: readFileSync(file),
  };
}

test('hostile picture files each get a clear outcome and the good photo still enrols the member', async ({ page }) => {
  test.setTimeout(patience(180_000));
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const hostile = readdirSync(CORPUS).filter((n) => n !== 'README.md');
  const good = await buildPhoto('hostile-good', [facematchMan(0)]);
  await setUpApp(page, '/');
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('button', { name: 'Enrol a member' }).click();
  await page.getByLabel('The customer has read this and agrees to be recognised.').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Photo files').check();
  // Over the 40 MB limit: refused from its size alone, never read into memory as a picture.
  const oversized = { name: 'oversized.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(41 * 1024 * 1024, 0xff) };
  await page
    .getByLabel('Choose one or more photos of the customer')
    .setInputFiles([...hostile.map((n) => pickedFile(path.join(CORPUS, n))), oversized, pickedFile(good)]);

  const outcomes = page.getByTestId('photo-outcomes').locator('li');
  await expect(outcomes).toHaveCount(hostile.length + 2, { timeout: patience(120_000) });
  const line = (name: string) => outcomes.filter({ hasText: `${name}:` });
  for (const bomb of ['bomb-400-megapixels.png', 'header-lies.png', 'oversized.jpg'])
    await expect(line(bomb)).toContainText('too large');
  for (const broken of ['empty.jpg', 'not-an-image.jpg', 'zero-width.png', 'script.svg', 'gif-polyglot.gif'])
    await expect(line(broken)).toContainText('not an image this browser can read');
  // Readable, but nobody in it.
  await expect(line('one-pixel.png')).toContainText('No face in view');
  // A truncated JPEG is either refused or decoded in part (grey below the cut); either way, no face.
  await expect(line('truncated.jpg')).toContainText(/not an image this browser can read|No face in view/);
  await expect(line('hostile-good.png')).toContainText('used');
  // Nothing in the files ran: no dialog opened.
  expect(dialogs).toEqual([]);

  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Name to show staff').fill('Good Photo');
  await page.getByRole('button', { name: 'Save member' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Good Photo is now a member.' })).toBeVisible({
    timeout: patience(30_000),
  });
});
