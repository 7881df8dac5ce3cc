// The key vault over a real (fake-indexeddb) database: set-up, unlock, lock, slow-down and passphrase change.
import { describe, expect, it } from 'vitest';
import { WrongPassphraseError } from './crypto';
import { StoreLockedError, TooManyAttemptsError } from './errors';
import { unlockDelayMs } from './key-vault';
import { closeStore } from './store';
import { freshFactory, openTestStore, profile, unitVector } from './test-support';

const MODEL = 'test-model@1';

describe('keys and locking', () => {
  it('sets up, locks, and unlocks only with the right passphrase', async () => {
    const store = await openTestStore();
    expect(await store.vault.isSetUp()).toBe(false);
    await store.vault.setUp('a good passphrase');
    expect(store.vault.isUnlocked).toBe(true);
    const m = await store.members.addMember(profile('Ada Lovelace', 'L-1'), [
      { modelId: MODEL, vector: unitVector(8, 1) },
    ]);
    store.vault.lock();
    await expect(store.members.getMember(m.id)).rejects.toBeInstanceOf(StoreLockedError);
    await expect(store.vault.unlock('not it')).rejects.toBeInstanceOf(WrongPassphraseError);
    await store.vault.unlock('a good passphrase');
    expect((await store.members.getMember(m.id))?.displayName).toBe('Ada Lovelace');
  });

  it('a wrong passphrase never changes stored data', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    await store.members.addMember(profile('Ada'), [{ modelId: MODEL, vector: unitVector(8, 1) }]);
    store.vault.lock();
    const snapshot = async () => [
      await store.database.idb.get('meta', 'keys'),
      await store.database.idb.getAll('members'),
      await store.database.idb.getAll('templates'),
    ];
    const before = await snapshot();
    await expect(store.vault.unlock('wrong one')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await snapshot()).toEqual(before);
    await store.vault.unlock('a good passphrase');
    expect((await store.members.listMembers()).map((m) => m.displayName)).toEqual(['Ada']);
  });

  it('slows down repeated wrong passphrases, across reopening the store', async () => {
    let now = 1_000_000;
    const factory = freshFactory();
    const store = await openTestStore(factory, () => now);
    await store.vault.setUp('a good passphrase');
    store.vault.lock();
    for (let i = 0; i < 3; i++) await expect(store.vault.unlock('nope')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(store.vault.unlock('nope')).rejects.toBeInstanceOf(TooManyAttemptsError);
    closeStore(store);
    const reopened = await openTestStore(factory, () => now);
    await expect(reopened.vault.unlock('a good passphrase')).rejects.toBeInstanceOf(TooManyAttemptsError);
    now += unlockDelayMs(3);
    await reopened.vault.unlock('a good passphrase');
    expect(reopened.vault.isUnlocked).toBe(true);
  });

  it('changing the passphrase re-wraps the key and keeps the data', async () => {
    const store = await openTestStore();
    await store.vault.setUp('first passphrase');
    const m = await store.members.addMember(profile('Grace'), [{ modelId: MODEL, vector: unitVector(8, 2) }]);
    const templateRowsBefore = await store.database.idb.getAll('templates');
    await store.vault.changePassphrase('first passphrase', 'second passphrase');
    // Re-wrap, not re-encrypt: the sealed template bytes are untouched.
    expect(await store.database.idb.getAll('templates')).toEqual(templateRowsBefore);
    store.vault.lock();
    await expect(store.vault.unlock('first passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    await store.vault.unlock('second passphrase');
    expect((await store.members.getMember(m.id))?.displayName).toBe('Grace');
  });
});
