// Staff users over a real (fake-indexeddb) store: each user's own passphrase opens the same data; roles limit
// what a user may do; a changed passphrase keeps everything readable; a removed user's passphrase opens nothing;
// backups carry the users, and backups from before staff users still import.
import { describe, expect, it } from 'vitest';
import { WrongPassphraseError } from './crypto';
import { exportBackup, importBackup } from './backup';
import { NotAllowedError, StoreError } from './errors';
import { openTestStore, profile, unitVector } from './test-support';

const MODEL = 'test-model@1';
const BOSS = 'manager passphrase';
const SAM = 'sam passphrase 1';

async function shopWithStaff() {
  const store = await openTestStore();
  await store.vault.setUp(BOSS, 'Maria');
  const member = await store.members.addMember(profile('Ada Lovelace', 'L-1'), [
    { modelId: MODEL, vector: unitVector(8, 1) },
  ]);
  const samId = await store.vault.addUser(BOSS, { name: 'Sam', role: 'staff', passphrase: SAM });
  return { store, member, samId };
}

describe('staff users', () => {
  it('each user unlocks the same data with their own passphrase, as their role', async () => {
    const { store, member, samId } = await shopWithStaff();
    const managerId = store.vault.actor?.id;
    expect((await store.vault.listUsers()).map((u) => [u.name, u.role])).toEqual([
      ['Maria', 'manager'],
      ['Sam', 'staff'],
    ]);
    store.vault.lock();
    await store.vault.unlock(SAM);
    expect(store.vault.actor).toEqual({ id: samId, role: 'staff' });
    expect((await store.members.getMember(member.id))?.displayName).toBe('Ada Lovelace');
    store.vault.lock();
    await store.vault.unlock(BOSS);
    expect(store.vault.actor).toEqual({ id: managerId, role: 'manager' });
    // Names are sealed: neither appears in the stored rows.
    expect(JSON.stringify(await store.database.idb.getAll('staff'))).not.toMatch(/Maria|Sam/);
  });

  it('staff serve and enrol, but cannot erase, flag, back up, change settings rights or manage users', async () => {
    const { store, member } = await shopWithStaff();
    store.vault.lock();
    await store.vault.unlock(SAM);
    await store.members.addMember(profile('Grace'), [{ modelId: MODEL, vector: unitVector(8, 2) }]);
    await expect(store.members.eraseMember(member.id)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(
      store.watchlist.add({ memberId: member.id, reason: 'test', expiresAt: Date.now() + 1000 }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    await expect(exportBackup(store.database, store.vault)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(
      store.vault.addUser(SAM, { name: 'Eve', role: 'manager', passphrase: 'eve passphrase' }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    expect(() => store.vault.assertMay('settings')).toThrow(NotAllowedError);
    // Nothing was erased.
    expect((await store.members.listMembers()).map((m) => m.displayName).sort()).toEqual(['Ada Lovelace', 'Grace']);
  });

  it('changing a passphrase re-wraps only that user’s key; all data stays readable', async () => {
    const { store, member } = await shopWithStaff();
    store.vault.lock();
    await store.vault.unlock(SAM);
    const templatesBefore = await store.database.idb.getAll('templates');
    await expect(store.vault.changePassphrase('not sams', 'sam passphrase 2')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    await store.vault.changePassphrase(SAM, 'sam passphrase 2');
    expect(await store.database.idb.getAll('templates')).toEqual(templatesBefore);
    store.vault.lock();
    await expect(store.vault.unlock(SAM)).rejects.toBeInstanceOf(WrongPassphraseError);
    await store.vault.unlock('sam passphrase 2');
    expect((await store.members.getMember(member.id))?.displayName).toBe('Ada Lovelace');
    store.vault.lock();
    await store.vault.unlock(BOSS);
    expect(store.vault.actor?.role).toBe('manager');
  });

  it('a removed user can no longer unlock; the last manager and oneself cannot be removed', async () => {
    const { store, samId } = await shopWithStaff();
    const managerId = store.vault.actor?.id ?? '';
    await expect(store.vault.removeUser(managerId)).rejects.toThrow(/yourself/);
    await store.vault.removeUser(samId);
    store.vault.lock();
    await expect(store.vault.unlock(SAM)).rejects.toBeInstanceOf(WrongPassphraseError);
    await store.vault.unlock(BOSS);
    const bossId2 = await store.vault.addUser(BOSS, { name: 'Lee', role: 'manager', passphrase: 'lee passphrase' });
    store.vault.lock();
    await store.vault.unlock('lee passphrase');
    await store.vault.removeUser(managerId);
    expect((await store.vault.listUsers()).map((u) => u.id)).toEqual([bossId2]);
    // The audit log names users by id only.
    const audit = JSON.stringify(await store.audit.list());
    expect(audit).toContain(`"staff.removed","subject":"${managerId}"`);
    expect(audit).not.toMatch(/Maria|Sam|Lee/);
  });

  it('refuses a passphrase another user already has (unlock could not tell them apart)', async () => {
    const { store } = await shopWithStaff();
    await expect(store.vault.addUser(BOSS, { name: 'Kim', role: 'staff', passphrase: SAM })).rejects.toBeInstanceOf(
      StoreError,
    );
    await expect(store.vault.changePassphrase(BOSS, SAM)).rejects.toThrow(/different passphrase/);
    await expect(
      store.vault.addUser('wrong one!', { name: 'Kim', role: 'staff', passphrase: 'kim passphrase' }),
    ).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await store.database.idb.count('staff')).toBe(2);
  });

  it('a backup carries every user: each passphrase opens it and unlocks the restored tablet', async () => {
    const { store } = await shopWithStaff();
    const file = await exportBackup(store.database, store.vault);
    const target = await openTestStore();
    await importBackup(target.database, target.vault, file.bytes, SAM);
    await target.vault.unlock(SAM);
    expect(target.vault.actor?.role).toBe('staff');
    target.vault.lock();
    await target.vault.unlock(BOSS);
    expect((await target.members.listMembers()).map((m) => m.displayName)).toEqual(['Ada Lovelace']);
    // On a tablet in use, only a manager replaces the data.
    target.vault.lock();
    await target.vault.unlock(SAM);
    await expect(importBackup(target.database, target.vault, file.bytes, SAM)).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('gives a tablet set up before schema 7 its unlock key, and each user a key pair, at their next unlock', async () => {
    const { store, samId } = await shopWithStaff();
    // As such a tablet was: wraps only.
    const rows = await store.database.idb.getAll('staff');
    await store.database.write(['meta', 'staff'], async (tx) => {
      await tx.objectStore('meta').delete('unlock');
      for (const { keys: _k, box: _b, ...row } of rows) await tx.objectStore('staff').put(row);
    });
    expect(await store.vault.replicatedUser(samId)).toBeUndefined();
    store.vault.lock();
    await store.vault.unlock(SAM);
    expect(await store.database.idb.get('meta', 'unlock')).toMatchObject({
      wrappedKey: expect.any(Uint8Array) as Uint8Array,
    });
    expect(await store.vault.replicatedUser(samId)).toMatchObject({ id: samId, role: 'staff', name: 'Sam' });
    // Sam's box now opens this tablet: with his wrap gone, his passphrase still does.
    const sam = await store.database.idb.get('staff', samId);
    const { wrap: _wrap, ...withoutWrap } = sam as NonNullable<typeof sam>;
    await store.database.idb.put('staff', withoutWrap);
    store.vault.lock();
    await store.vault.unlock(SAM);
    expect(store.vault.actor).toEqual({ id: samId, role: 'staff' });
    await expect(
      (async () => {
        store.vault.lock();
        await store.vault.unlock('not anyone');
      })(),
    ).rejects.toBeInstanceOf(WrongPassphraseError);
  });
});
