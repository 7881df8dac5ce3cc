import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, exportBackup, importBackup } from './backup';
import { BackupRejectedError } from './errors';
import { SCHEMA_VERSION } from './schema';
import { openTestStore, profile, unitVector } from './test-support';

const PASS = 'shop passphrase 1';
const MODEL = 'test-model@1';

async function populatedStore() {
  const store = await openTestStore();
  await store.vault.setUp(PASS);
  const vector = unitVector(32, 11);
  const m = await store.members.addMember(profile('Margaret Hamilton', 'MH-9'), [{ modelId: MODEL, vector }]);
  await store.settings.set('recognition.threshold', 0.42);
  await store.database.write(['products'], async (tx) => {
    await tx
      .objectStore('products')
      .put({ code: 'SKU1', name: 'Wool hat', category: 'hats', price: 19.5, updatedAt: 1 });
  });
  return { store, member: m, vector };
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

async function expectRejected(p: Promise<unknown>, reason: BackupRejectedError['reason']) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BackupRejectedError);
  expect((err as BackupRejectedError).reason).toBe(reason);
}

describe('backup', () => {
  it('round-trips everything to a new device, and needs the passphrase there', async () => {
    const { store, member, vector } = await populatedStore();
    const file = await exportBackup(store.database, store.vault);
    expect(file.name).toMatch(/^counterpart-backup-\d{4}-\d{2}-\d{2}\.json$/);
    // Personal data is not readable in the file.
    expect(text(file.bytes)).not.toContain('Margaret');
    expect(text(file.bytes)).not.toContain('MH-9');

    const fresh = await openTestStore();
    const summary = await importBackup(fresh.database, fresh.vault, file.bytes, PASS);
    expect(summary).toEqual({ members: 1, templates: 1, products: 1, purchases: 0 });
    expect(fresh.vault.isUnlocked).toBe(false);
    await fresh.vault.unlock(PASS);
    expect(await fresh.members.getMember(member.id)).toMatchObject({
      displayName: 'Margaret Hamilton',
      loyaltyId: 'MH-9',
    });
    expect(await fresh.members.findMemberByLoyaltyId('MH-9')).toMatchObject({ id: member.id });
    expect(Array.from((await fresh.members.listTemplates(MODEL))[0]?.vector ?? [])).toEqual(Array.from(vector));
    expect(await fresh.settings.get('recognition.threshold')).toBe(0.42);
    expect(await fresh.database.idb.get('products', 'SKU1')).toMatchObject({ name: 'Wool hat' });
  });

  it('refuses a foreign file', async () => {
    const store = await openTestStore();
    await expectRejected(importBackup(store.database, store.vault, bytes('Invoice,StockCode\n1,2\n'), PASS), 'foreign');
    await expectRejected(
      importBackup(store.database, store.vault, bytes('{"format":"something-else"}'), PASS),
      'foreign',
    );
    await expectRejected(
      importBackup(store.database, store.vault, new Uint8Array([0xff, 0xfe, 0x00, 0x01]), PASS),
      'foreign',
    );
  });

  it('refuses an altered or truncated file and leaves the store untouched', async () => {
    const { store } = await populatedStore();
    const file = await exportBackup(store.database, store.vault);
    const target = await openTestStore();
    await target.vault.setUp('target passphrase');
    await target.members.addMember(profile('Existing'), []);

    const json = JSON.parse(text(file.bytes)) as { storesText: string };
    json.storesText = json.storesText.replace('19.5', '1.95');
    await expectRejected(importBackup(target.database, target.vault, bytes(JSON.stringify(json)), PASS), 'corrupt');
    await expectRejected(
      importBackup(target.database, target.vault, file.bytes.slice(0, file.bytes.length - 40), PASS),
      'foreign',
    );

    expect((await target.members.listMembers()).map((m) => m.displayName)).toEqual(['Existing']);
  });

  it('refuses a backup from a newer app version', async () => {
    const { store } = await populatedStore();
    const json = JSON.parse(text((await exportBackup(store.database, store.vault)).bytes)) as Record<string, unknown>;
    json.schemaVersion = SCHEMA_VERSION + 1;
    const other = await openTestStore();
    await expectRejected(importBackup(other.database, other.vault, bytes(JSON.stringify(json)), PASS), 'newer-version');
    expect(json.format).toBe(BACKUP_FORMAT);
  });

  it('refuses the wrong passphrase without changing anything', async () => {
    const { store } = await populatedStore();
    const file = await exportBackup(store.database, store.vault);
    const target = await openTestStore();
    await expectRejected(
      importBackup(target.database, target.vault, file.bytes, 'not the passphrase'),
      'wrong-passphrase',
    );
    expect(await target.vault.isSetUp()).toBe(false);
  });
});
