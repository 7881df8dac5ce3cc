// Staff users and roles (issue 20), in the shipped build: the first user is a manager, who adds a staff user with
// their own passphrase. The staff user can enrol a member but cannot open the watch-list or the audit log, erase
// anyone, export the backup or the member visit log (personal data) or change settings; changing their
// passphrase keeps every record readable. The manager can do all of it, sees each step in the audit log by user,
// and removes the staff user, whose passphrase then unlocks nothing. On the way, the manager edits the member on
// their page (details, consent record, face captures).
import { type Page } from '@playwright/test';
import { PASSPHRASE, lockState, lockThenUnlockWith, setUpApp } from './support/app';
import { onShippedBuild } from './support/builds';
import { buildPhoto } from './support/clips';
import { expect, test } from './support/fixtures';
import { enrolMemberFromPhotos } from './support/members';
import { patience } from './support/patience';
import { facematchMan } from './support/people';

onShippedBuild();

const SAM_FIRST = 'sam first passphrase';
const SAM_NEXT = 'sam second passphrase';

async function expectUnlockedAs(page: Page, who: string): Promise<void> {
  await expect(lockState(page)).toHaveText('unlocked', { timeout: patience(30_000) });
  await expect(page.getByTestId('signed-in')).toHaveText(who);
}

test('a staff user cannot open the watch-list or audit log, erase or export; a manager can; passphrases are personal', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(patience(420_000));
  const nav = page.getByRole('navigation', { name: 'Main sections' });
  await setUpApp(page, `${baseURL}/`);
  await expect(page.getByTestId('signed-in')).toHaveText('Manager (Manager)');

  // The manager adds Sam, a staff user, confirming with their own passphrase.
  await nav.getByRole('link', { name: 'Settings' }).click();
  const addForm = page.locator('staff-section form').filter({ hasText: 'Add a staff user' });
  await addForm.getByLabel('Name').fill('Sam');
  await addForm.getByLabel('Role').selectOption('staff');
  await addForm.getByLabel(/^Their passphrase/).fill(SAM_FIRST);
  await addForm.getByLabel('Repeat their passphrase').fill(SAM_FIRST);
  await addForm.getByLabel('Your own passphrase').fill(PASSPHRASE);
  await addForm.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sam can now unlock' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row', { name: /Sam/ })).toContainText('Staff');

  // Sam unlocks with their own passphrase: staff serve and enrol, but the manager's screens and actions are gone.
  await lockThenUnlockWith(page, SAM_FIRST);
  await expectUnlockedAs(page, 'Sam (Staff)');
  await expect(nav.getByRole('link')).toHaveText(['Counter', 'Members', 'Products', 'Analytics', 'Settings']);
  for (const [hash, text] of [
    ['#/watchlist', 'Only a manager can open the watch-list.'],
    ['#/audit', 'Only a manager can open the audit log.'],
  ] as const) {
    await page.evaluate((h) => (location.hash = h), hash);
    await expect(page.getByTestId('manager-only')).toHaveText(text);
    await expect(page.getByRole('table')).toHaveCount(0);
  }
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('settings-manager-only')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recognition' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Staff users' })).toHaveCount(0);
  const photos = await Promise.all([0, 1, 2].map((k) => buildPhoto(`man-${k}`, [facematchMan(k)])));
  await enrolMemberFromPhotos(page, 'Vlad Mandic', 'L-1001', photos);
  await expect(page.getByRole('row', { name: /Vlad Mandic/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Erase/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export backup' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { name: 'Member visit log' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Export member visits/ })).toHaveCount(0);

  // Sam changes their passphrase: the old one stops working, the new one opens everything as before.
  await nav.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Current passphrase').fill(SAM_FIRST);
  await page.getByLabel('New passphrase (at least 8 characters)').fill(SAM_NEXT);
  await page.getByLabel('Repeat the new passphrase').fill(SAM_NEXT);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your passphrase was changed.' })).toBeVisible({
    timeout: patience(30_000),
  });
  await lockThenUnlockWith(page, SAM_FIRST);
  await expect(page.getByRole('alert').filter({ hasText: 'That passphrase is wrong.' })).toBeVisible();
  await page.locator('#passphrase').fill(SAM_NEXT);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expectUnlockedAs(page, 'Sam (Staff)');
  await nav.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('row', { name: /Vlad Mandic/ })).toContainText('L-1001');

  // The manager: the watch-list and audit log open (each opening recorded), erasure and the backup are there.
  await lockThenUnlockWith(page, PASSPHRASE);
  await expectUnlockedAs(page, 'Manager (Manager)');
  await nav.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('button', { name: 'Erase Vlad Mandic' })).toBeVisible();
  // The member's page: details edited, the consent record (taken by Sam), the captures, one removed.
  await page.getByRole('button', { name: 'Open Vlad Mandic' }).click();
  await expect(page.getByTestId('consent-record')).toContainText('taken by Sam');
  const captures = page.getByTestId('captures').locator('li');
  await expect(captures.first()).toContainText('no other members to compare with');
  const before = await captures.count();
  expect(before).toBeGreaterThanOrEqual(2); // one per usable photo
  await captures.first().getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The capture was removed.' })).toBeVisible();
  await expect(captures).toHaveCount(before - 1);
  await page.getByLabel('Loyalty number').fill('L-1002');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The details were saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to the member list' }).click();
  await expect(page.getByRole('row', { name: /Vlad Mandic/ })).toContainText('L-1002');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export backup' }).click();
  expect((await download).suggestedFilename()).toMatch(/^counterpart-backup-.*\.json$/);
  await nav.getByRole('link', { name: 'Analytics' }).click();
  const personal = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export member visits (personal data: names)' }).click();
  expect((await personal).suggestedFilename()).toMatch(/^personal-data-member-visits-.*\.csv$/);
  await nav.getByRole('link', { name: 'Watch-list' }).click();
  await expect(page.getByText('Nobody is on the watch-list.')).toBeVisible();
  await nav.getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByTestId('audit-log');
  // Newest first, by user name on screen (the log itself holds only the users' random ids).
  await expect(log.getByRole('row', { name: /watchlist\.viewed/ })).toContainText('Manager');
  await expect(log.getByRole('row', { name: /passphrase\.changed/ })).toContainText('Sam');
  await expect(log.getByRole('row', { name: /member\.enrolled/ })).toContainText('Sam');
  await expect(log.getByRole('row', { name: /backup\.exported/ })).toContainText('Manager');
  await expect(log.getByRole('row', { name: /export\.personal\.member-visits/ })).toContainText('Manager');
  await page.getByLabel('Kind').selectOption('watchlist');
  await expect(log.getByRole('row')).toHaveCount(2); // the header, and the one opening of the watch-list

  // The manager removes Sam: Sam's passphrase unlocks nothing any more.
  await nav.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Remove Sam' }).click();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sam was removed.' })).toBeVisible();
  await lockThenUnlockWith(page, SAM_NEXT);
  await expect(page.getByRole('alert').filter({ hasText: 'That passphrase is wrong.' })).toBeVisible();
  await expect(lockState(page)).toHaveText('locked');
});
