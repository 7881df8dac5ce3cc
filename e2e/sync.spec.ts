// Tablets of one chain, as browser contexts of the test build, replicating through a CouchDB-protocol server
// (pouchdb-server in memory, started by the Playwright config; e2e/support/sync-server.ts). The first tablet
// creates the chain, the second joins with the one-time pairing code the first shows; a third, with a wrong code or
// password, or while the server refuses the app's origin (CORS) or is out of reach, gets a clear refusal for each
// and nothing else. A member enrolled on one is named on the other from the camera, a sale to him on the other is
// in his history on the first; the third then makes another shop of the chain with a code for a new shop, and has
// the member but not the first shop's sale; erased on one he is gone from all.
// Both offline with changes, then online: every change on both, and two edits of one member end on the same
// version on both. A staff user added on one unlocks the other with their own passphrase, and once removed on one
// unlocks neither. Afterwards every revision of every document on the server is read back: envelopes only, and
// none of the test's personal data in them.
import type { Browser, Page } from '@playwright/test';
import { PASSPHRASE, lockState, lockThenUnlockWith, setUpApp } from './support/app';
import { onTestBuild } from './support/builds';
import { buildPhoto } from './support/clips';
import { applyLivenessChoice } from './support/counter';
import { PERSONAL_DATA, expect, test, trackLeaks } from './support/fixtures';
import { waitForFrames } from './support/frames';
import { enrolMemberFromPhotos } from './support/members';
import { patience } from './support/patience';
import { addProduct } from './support/sales-import';
import { facematchMan } from './support/people';
import { ScriptedCamera, installScriptedCamera } from './support/scripted-camera';
import {
  SYNC_ORIGIN,
  SYNC_PASSWORD,
  SYNC_USER,
  SyncLink,
  everythingOnServer,
  expectOnlyEnvelopes,
  freshChain,
  requirePassword,
} from './support/sync-server';

onTestBuild();
test.describe.configure({ mode: 'serial' });

const link = new SyncLink();
test.beforeAll(() => link.open());
test.afterAll(() => link.close());

const SCENES = { member: { shots: [facematchMan(6)], motion: 'live' } } as const;
const SHOP = 'high-street';

/** A tablet: its own browser context (its own storage), set up with the staff passphrase. */
async function tablet(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ permissions: ['camera'] });
  await applyLivenessChoice(context, {});
  await installScriptedCamera(context, SCENES);
  const leaks = trackLeaks(context, new URL(baseURL).origin, SYNC_ORIGIN);
  const page = await context.newPage();
  await setUpApp(page, `${baseURL}/`);
  return { context, page, leaks };
}

async function syncForm(page: Page, chain: string, password = SYNC_PASSWORD, shop = SHOP) {
  await page.getByRole('link', { name: 'Settings' }).click();
  const section = page.locator('sync-section');
  await expect(section.getByLabel('Server address')).toHaveValue(SYNC_ORIGIN);
  await section.getByLabel('Chain name').fill(chain);
  await section.getByLabel('Shop name').fill(shop);
  await section.getByLabel('User').fill(SYNC_USER);
  await section.getByLabel('Password').fill(password);
  return section;
}

const syncStatus = (page: Page) => page.locator('status-strip [data-status="sync"] .value');

/** The member steps up to the counter (on its screen) and is named on the card; returns the counter's camera. */
async function namesTheMember(page: Page): Promise<ScriptedCamera> {
  const camera = new ScriptedCamera(page);
  const since = await camera.show('member');
  await waitForFrames(page, { since, faces: 1, count: 6, timeout: patience(180_000) });
  await expect(page.getByTestId('card-title')).toHaveText('Vlad Mandic');
  return camera;
}

/** Whoever is at the counter leaves, and the counter ends their visit (no track left open). */
async function leaves(page: Page, camera: ScriptedCamera) {
  const since = await camera.show('nobody');
  await waitForFrames(page, { since, faces: 0, tracks: 0, timeout: patience(120_000) });
  await expect(page.locator('customer-card')).toContainText('Nobody at the counter');
}

/**
 * The Analytics screen (of `shop`, chosen by its label, when given) shows `tiles` (test id → figure), read
 * afresh until it does: what another tablet sent arrives in its own time.
 */
async function expectAnalytics(page: Page, tiles: Record<string, string>, shop?: string) {
  await expect(async () => {
    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('link', { name: 'Analytics' }).click();
    if (shop) await page.getByTestId('shop-choice').selectOption({ label: shop }, { timeout: 2_000 });
    for (const [id, figure] of Object.entries(tiles))
      await expect(page.getByTestId(id).locator('strong')).toHaveText(figure, { timeout: 2_000 });
  }).toPass({ timeout: patience(120_000) });
}

/**
 * Joining with `typed` in the filled-in sync `form` is refused with `message` (within the configured expect
 * timeout, patience(30_000)), and the tablet does not sync.
 */
async function joinRefused(form: ReturnType<Page['locator']>, typed: string, message: string | RegExp): Promise<void> {
  await form.getByLabel('Pairing code').fill(typed);
  await form.getByRole('button', { name: 'Join with a pairing code' }).click();
  await expect(form.getByRole('alert')).toHaveText(message);
  await expect(form.getByTestId('sync-on')).toHaveCount(0);
}

/** The first tablet of a new chain: Settings › Sync, "start as the first tablet"; returns the sync section. */
async function startChain(page: Page, chain: string) {
  const form = await syncForm(page, chain);
  await form.getByRole('button', { name: 'Start syncing as the first tablet' }).click();
  await expect(form.getByTestId('sync-on')).toContainText(`chain “${chain}”`, { timeout: patience(30_000) });
  return form;
}

/** Shows a pairing code (for this shop, or for a new shop of the chain) on a tablet that syncs, and reads it. */
async function showCode(form: ReturnType<Page['locator']>, forNewShop = false): Promise<string> {
  await form
    .getByRole('button', { name: forNewShop ? 'Show a code for a new shop of this chain' : 'Show a pairing code' })
    .click();
  const shown = (await form.getByTestId('pairing-code').textContent()) ?? '';
  const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(shown)?.[0] ?? '';
  expect(code, shown).not.toBe('');
  return code;
}

/** A further tablet joins the chain's shop (or, with a code for a new shop, makes `shop`) with `typed`. */
async function joinChain(page: Page, chain: string, typed: string, shop = SHOP): Promise<void> {
  const form = await syncForm(page, chain, SYNC_PASSWORD, shop);
  await form.getByLabel('Pairing code').fill(typed);
  await form.getByRole('button', { name: 'Join with a pairing code' }).click();
  await expect(form.getByTestId('sync-on')).toContainText(`shop “${shop}”`, { timeout: patience(30_000) });
}

test('enrolled on one tablet, named on the other and in another shop of the chain; erased on one, gone from all; the server holds ciphertext only', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(patience(720_000));
  await requirePassword();
  const chain = freshChain();
  const url = baseURL ?? '';
  const a = await tablet(browser, url);

  // Tablet A starts the chain and shows a pairing code.
  let form = await startChain(a.page, chain);
  await expect(syncStatus(a.page)).toHaveText('up to date', { timeout: patience(60_000) });
  const code = await showCode(form);

  // A third tablet with a wrong code, or the wrong password, is refused, each with its own message.
  const c = await tablet(browser, url);
  const wrongCode = `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`;
  await joinRefused(await syncForm(c.page, chain), wrongCode, /That pairing code is not right/);
  await joinRefused(
    await syncForm(c.page, chain, 'not the password'),
    code,
    'The server refused this user or password.',
  );
  await expect(syncStatus(c.page)).toHaveCount(0);
  // A server that answers but does not allow this app's origin, and one that does not answer: each its own
  // message, and nothing changes (the code stays usable for tablet B).
  link.refuseCors();
  form = await syncForm(c.page, chain);
  await joinRefused(
    form,
    code,
    'The server answered but does not allow this app (CORS). Ask its administrator to allow this app’s address.',
  );
  link.cut();
  await joinRefused(
    form,
    code,
    'The server does not answer. Check the address and the network, then try again; if the server is up, check that it allows this app’s address (CORS).',
  );
  link.restore();
  await expect(syncStatus(c.page)).toHaveCount(0);

  // Tablet B joins with the code.
  const b = await tablet(browser, url);
  await joinChain(b.page, chain, code.toLowerCase());

  // Enrolled on A from photos: B has the member, and names him from its camera.
  const photos = await Promise.all([0, 1, 2].map((k) => buildPhoto(`man-${k}`, [facematchMan(k)])));
  await enrolMemberFromPhotos(a.page, 'Vlad Mandic', 'L-1001', photos);
  await b.page.getByRole('link', { name: 'Members' }).click();
  await expect(b.page.getByRole('row', { name: /Vlad Mandic/ })).toContainText('L-1001', {
    timeout: patience(60_000),
  });
  await b.page.getByRole('link', { name: 'Counter' }).click();
  const camera = await namesTheMember(b.page);

  // A sale to him on B (a product B's staff added): in his history on A.
  await b.page.getByRole('link', { name: 'Products' }).click();
  await addProduct(b.page, 'HAT1', 'Felt hat', '24.50');
  await b.page.getByRole('link', { name: 'Counter' }).click();
  await expect(b.page.getByTestId('card-title')).toHaveText('Vlad Mandic', { timeout: patience(60_000) });
  await b.page.locator('customer-card').getByRole('button', { name: 'Add sale' }).click();
  const dialog = b.page.getByRole('dialog', { name: 'Sale for Vlad Mandic' });
  await dialog.getByLabel('Product code or name').fill('Felt hat');
  await dialog.getByLabel('Quantity', { exact: true }).fill('2');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.getByRole('button', { name: 'Record sale' }).click();
  await expect(b.page.getByRole('status').filter({ hasText: 'Sale recorded (2 items).' })).toBeVisible();
  await a.page.getByRole('link', { name: 'Members' }).click();
  await a.page.getByRole('button', { name: 'Open Vlad Mandic' }).click();
  await expect(a.page.getByTestId('member-purchases')).toContainText('2 items', { timeout: patience(60_000) });
  await a.page.getByRole('button', { name: 'Back to the member list' }).click();

  // He leaves B's counter: his visit, counted on B, is in the shop's Analytics on A, with his purchase.
  await leaves(b.page, camera);
  await expectAnalytics(a.page, { footfall: '1', conversion: '1 / 1' });

  // The code was used: the third tablet cannot join with it any more.
  await joinRefused(await syncForm(c.page, chain), code, /That pairing code is not right/);
  await c.page.getByRole('link', { name: 'Members' }).click();
  await expect(c.page.getByRole('row', { name: /Vlad Mandic/ })).toHaveCount(0);

  // With a code for a new shop, C becomes the first tablet of the docks shop: the chain's member is there, the
  // high street's sale is not (his history at the docks is empty).
  await a.page.getByRole('link', { name: 'Settings' }).click();
  const newShopCode = await showCode(a.page.locator('sync-section'), true);
  await joinChain(c.page, chain, newShopCode, 'docks');
  await c.page.getByRole('link', { name: 'Members' }).click();
  await expect(c.page.getByRole('row', { name: /Vlad Mandic/ })).toContainText('L-1001', {
    timeout: patience(60_000),
  });
  await c.page.getByRole('button', { name: 'Open Vlad Mandic' }).click();
  await expect(c.page.getByText('No purchases yet.')).toBeVisible();
  await c.page.getByRole('button', { name: 'Back to the member list' }).click();

  // He calls at the docks too. The chain's Analytics: on A, the docks' visit and all shops'; on C, the high
  // street's. Another shop's figures are counts only (no conversion there).
  await c.page.getByRole('link', { name: 'Counter' }).click();
  await leaves(c.page, await namesTheMember(c.page));
  await expectAnalytics(c.page, { footfall: '1' });
  await expectAnalytics(a.page, { footfall: '1', conversion: '—' }, 'docks');
  await expectAnalytics(a.page, { footfall: '2', unique: '2' }, 'All shops of the chain');
  await expect(a.page.getByTestId('unique-summed')).toContainText('added up over 2 counters');
  await expectAnalytics(c.page, { footfall: '1', conversion: '—' }, 'high-street');

  // Erased on A: gone from B, and from the other shop.
  await a.page.getByRole('link', { name: 'Members' }).click();
  a.page.once('dialog', (d) => void d.accept());
  await a.page.getByRole('button', { name: 'Erase Vlad Mandic' }).click();
  await expect(a.page.getByRole('row', { name: /Vlad Mandic/ })).toHaveCount(0);
  await b.page.getByRole('link', { name: 'Members' }).click();
  await expect(b.page.getByRole('row', { name: /Vlad Mandic/ })).toHaveCount(0, { timeout: patience(60_000) });
  await expect(c.page.getByRole('row', { name: /Vlad Mandic/ })).toHaveCount(0, { timeout: patience(60_000) });
  for (const t of [a, b, c]) await expect(syncStatus(t.page)).toHaveText('up to date', { timeout: patience(60_000) });

  // The server: every revision of every document is an envelope, and none holds the test's personal data.
  const server = await everythingOnServer(chain, 3);
  expectOnlyEnvelopes(server.docs);
  for (const secret of [...PERSONAL_DATA, PASSPHRASE, 'Vlad', 'Mandic', 'L-1001', SYNC_PASSWORD])
    expect(server.text, `"${secret}" on the server`).not.toContain(secret);

  for (const t of [a, b, c]) {
    expect(t.leaks, 'requests that left the origin and the sync server, and personal data in logs').toEqual([]);
    await t.context.close();
  }
});

/** Two tablets of a new chain: A created it, B joined with A's code. */
async function pairedTablets(browser: Browser, url: string, chain: string) {
  const a = await tablet(browser, url);
  const code = await showCode(await startChain(a.page, chain));
  const b = await tablet(browser, url);
  await joinChain(b.page, chain, code);
  return { a, b };
}

test('both tablets offline with changes on each, then online again: every change on both, nothing lost', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(patience(420_000));
  await requirePassword();
  const chain = freshChain();
  const { a, b } = await pairedTablets(browser, baseURL ?? '', chain);
  for (const t of [a, b]) await expect(syncStatus(t.page)).toHaveText('up to date', { timeout: patience(60_000) });

  // The server goes out of reach; each counter goes on working on its own.
  link.cut();
  const photos = await Promise.all([0, 1, 2].map((k) => buildPhoto(`man-${k}`, [facematchMan(k)])));
  await enrolMemberFromPhotos(a.page, 'Vlad Mandic', 'L-1001', photos);
  await b.page.getByRole('link', { name: 'Products' }).click();
  await addProduct(b.page, 'HAT1', 'Felt hat', '24.50');
  await addProduct(b.page, 'CAP1', 'Wool cap', '12.00');
  for (const t of [a, b]) await expect(syncStatus(t.page)).toHaveText(/^offline since/, { timeout: patience(60_000) });

  // Back online: each has the other's changes, and both hold the same.
  link.restore();
  await b.page.getByRole('link', { name: 'Members' }).click();
  await expect(b.page.getByRole('row', { name: /Vlad Mandic/ })).toContainText('L-1001', {
    timeout: patience(120_000),
  });
  await a.page.getByRole('link', { name: 'Products' }).click();
  for (const name of ['Felt hat', 'Wool cap'])
    await expect(a.page.getByRole('row', { name: new RegExp(name) })).toBeVisible({ timeout: patience(120_000) });
  for (const t of [a, b]) await expect(syncStatus(t.page)).toHaveText('up to date', { timeout: patience(60_000) });
  // Every table row on the screen (header rows alike): the same screens over the same records count the same. A
  // list is drawn once its records are read, so each screen is first awaited on a row it must show; B's count is
  // then awaited rather than read once, as the screen may still be reading when the header shows.
  for (const [screen, known] of [
    ['Members', /Vlad Mandic/],
    ['Products', /Wool cap/],
  ] as const) {
    for (const t of [a, b]) {
      await t.page.getByRole('link', { name: screen }).click();
      await expect(t.page.getByRole('row', { name: known })).toBeVisible();
    }
    const rows = await a.page.getByRole('row').count();
    await expect(b.page.getByRole('row'), `${screen}: the same rows on both tablets`).toHaveCount(rows);
  }

  // Offline again, each tablet changes his loyalty number, A first, then B: online, both end on B's, the later
  // edit (the rule in docs/design/sync.md: the later clock stamp wins, then the tablet id), whatever order the
  // tablets hear of the two edits in.
  link.cut();
  for (const t of [a, b]) await expect(syncStatus(t.page)).toHaveText(/^offline since/, { timeout: patience(60_000) });
  for (const [t, number] of [
    [a, 'L-2001'],
    [b, 'L-3001'],
  ] as const) {
    await t.page.getByRole('link', { name: 'Members' }).click();
    await t.page.getByRole('button', { name: 'Open Vlad Mandic' }).click();
    await t.page.getByLabel('Loyalty number').fill(number);
    await t.page.getByRole('button', { name: 'Save details' }).click();
    await expect(t.page.getByRole('status').filter({ hasText: 'The details were saved.' })).toBeVisible();
    await t.page.getByRole('button', { name: 'Back to the member list' }).click();
  }
  link.restore();
  for (const t of [a, b]) {
    await expect(t.page.getByRole('row', { name: /Vlad Mandic/ })).toContainText('L-3001', {
      timeout: patience(120_000),
    });
    await expect(syncStatus(t.page)).toHaveText('up to date', { timeout: patience(60_000) });
    await expect(t.page.getByRole('row', { name: /Vlad Mandic/ })).toContainText('L-3001');
  }

  const server = await everythingOnServer(chain);
  expectOnlyEnvelopes(server.docs);
  for (const secret of [...PERSONAL_DATA, 'Vlad', 'Mandic', 'L-1001', 'L-2001', 'L-3001', 'Felt hat', 'Wool cap'])
    expect(server.text, `"${secret}" on the server`).not.toContain(secret);
  for (const t of [a, b]) {
    expect(t.leaks, 'requests that left the origin and the sync server, and personal data in logs').toEqual([]);
    await t.context.close();
  }
});

test('a staff user added on one tablet unlocks the other with their own passphrase; removed on one, unlocks neither', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(patience(420_000));
  await requirePassword();
  const chain = freshChain();
  const { a, b } = await pairedTablets(browser, baseURL ?? '', chain);
  const SAM = 'sam passphrase at the till';

  // A's manager adds Sam, a staff user.
  const addForm = a.page.locator('staff-section form').filter({ hasText: 'Add a staff user' });
  await addForm.getByLabel('Name').fill('Sam Till');
  await addForm.getByLabel('Role').selectOption('staff');
  await addForm.getByLabel(/^Their passphrase/).fill(SAM);
  await addForm.getByLabel('Repeat their passphrase').fill(SAM);
  await addForm.getByLabel('Your own passphrase').fill(PASSPHRASE);
  await addForm.getByRole('button', { name: 'Add user' }).click();
  await expect(a.page.getByRole('status').filter({ hasText: 'Sam Till can now unlock' })).toBeVisible();

  // B lists him once it has synced, and he unlocks B with his own passphrase, as staff.
  await expect(b.page.locator('staff-section').getByRole('row', { name: /Sam Till/ })).toContainText('Staff', {
    timeout: patience(60_000),
  });
  await lockThenUnlockWith(b.page, SAM);
  await expect(lockState(b.page)).toHaveText('unlocked', { timeout: patience(30_000) });
  await expect(b.page.getByTestId('signed-in')).toHaveText('Sam Till (Staff)');
  await lockThenUnlockWith(b.page, PASSPHRASE);
  await expect(lockState(b.page)).toHaveText('unlocked', { timeout: patience(30_000) });

  // A's manager removes him; B, once synced, no longer opens with his passphrase.
  await a.page.getByRole('button', { name: 'Remove Sam Till' }).click();
  await a.page.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(a.page.getByRole('status').filter({ hasText: 'Sam Till was removed.' })).toBeVisible();
  await b.page.getByRole('link', { name: 'Settings' }).click();
  await expect(b.page.locator('staff-section').getByRole('row', { name: /Sam Till/ })).toHaveCount(0, {
    timeout: patience(60_000),
  });
  for (const t of [a, b]) {
    await expect(syncStatus(t.page)).toHaveText('up to date', { timeout: patience(60_000) });
    await lockThenUnlockWith(t.page, SAM);
    await expect(t.page.getByRole('alert').filter({ hasText: 'That passphrase is wrong.' })).toBeVisible({
      timeout: patience(30_000),
    });
    await expect(lockState(t.page)).toHaveText('locked');
  }

  const server = await everythingOnServer(chain);
  expectOnlyEnvelopes(server.docs);
  for (const secret of [...PERSONAL_DATA, 'Sam Till', SAM, PASSPHRASE])
    expect(server.text, `"${secret}" on the server`).not.toContain(secret);
  for (const t of [a, b]) {
    expect(t.leaks, 'requests that left the origin and the sync server, and personal data in logs').toEqual([]);
    await t.context.close();
  }
});
