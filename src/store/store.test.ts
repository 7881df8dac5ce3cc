import { describe, expect, it } from 'vitest';
import {
  WrongPassphraseError,
  createDataKey,
  importLookupKey,
  lookupHash,
  newLookupKeyMaterial,
  seal,
  sealJson,
} from './crypto';
import { openDatabase } from './open-database';
import { StoreBlockedError, StoreError, StoreFullError, StoreLockedError, TooManyAttemptsError } from './errors';
import { DB_NAME, MIGRATIONS, SCHEMA_VERSION } from './schema';
import { unlockDelayMs } from './store';
import { FAST_ITERATIONS, dumpAll, fillDiskAt, freshFactory, openTestStore, profile, unitVector } from './test-support';

const MODEL = 'test-model@1';

describe('keys and locking', () => {
  it('sets up, locks, and unlocks only with the right passphrase', async () => {
    const store = await openTestStore();
    expect(await store.isSetUp()).toBe(false);
    await store.setUp('a good passphrase');
    expect(store.isUnlocked).toBe(true);
    const m = await store.addMember(profile('Ada Lovelace', 'L-1'), [{ modelId: MODEL, vector: unitVector(8, 1) }]);
    store.lock();
    await expect(store.getMember(m.id)).rejects.toBeInstanceOf(StoreLockedError);
    await expect(store.unlock('not it')).rejects.toBeInstanceOf(WrongPassphraseError);
    await store.unlock('a good passphrase');
    expect((await store.getMember(m.id))?.displayName).toBe('Ada Lovelace');
  });

  it('a wrong passphrase never changes stored data', async () => {
    const store = await openTestStore();
    await store.setUp('a good passphrase');
    await store.addMember(profile('Ada'), [{ modelId: MODEL, vector: unitVector(8, 1) }]);
    store.lock();
    const snapshot = async () => [
      await store.db.get('meta', 'keys'),
      await store.db.getAll('members'),
      await store.db.getAll('templates'),
    ];
    const before = await snapshot();
    await expect(store.unlock('wrong one')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await snapshot()).toEqual(before);
    await store.unlock('a good passphrase');
    expect((await store.listMembers()).map((m) => m.displayName)).toEqual(['Ada']);
  });

  it('slows down repeated wrong passphrases, across reopening the store', async () => {
    let now = 1_000_000;
    const factory = freshFactory();
    const store = await openTestStore(factory, () => now);
    await store.setUp('a good passphrase');
    store.lock();
    for (let i = 0; i < 3; i++) await expect(store.unlock('nope')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(store.unlock('nope')).rejects.toBeInstanceOf(TooManyAttemptsError);
    store.close();
    const reopened = await openTestStore(factory, () => now);
    await expect(reopened.unlock('a good passphrase')).rejects.toBeInstanceOf(TooManyAttemptsError);
    now += unlockDelayMs(3);
    await reopened.unlock('a good passphrase');
    expect(reopened.isUnlocked).toBe(true);
  });

  it('changing the passphrase re-wraps the key and keeps the data', async () => {
    const store = await openTestStore();
    await store.setUp('first passphrase');
    const m = await store.addMember(profile('Grace'), [{ modelId: MODEL, vector: unitVector(8, 2) }]);
    const templateRowsBefore = await store.db.getAll('templates');
    await store.changePassphrase('first passphrase', 'second passphrase');
    // Re-wrap, not re-encrypt: the sealed template bytes are untouched.
    expect(await store.db.getAll('templates')).toEqual(templateRowsBefore);
    store.lock();
    await expect(store.unlock('first passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    await store.unlock('second passphrase');
    expect((await store.getMember(m.id))?.displayName).toBe('Grace');
  });
});

describe('members', () => {
  it('stores names, loyalty ids and templates only encrypted', async () => {
    const store = await openTestStore();
    await store.setUp('a good passphrase');
    const vector = unitVector(16, 3);
    await store.addMember(profile('Zebulon Quartermain', 'LOYAL-777'), [{ modelId: MODEL, vector }]);
    const raw = await dumpAll(store);
    expect(raw).not.toContain('Zebulon');
    expect(raw).not.toContain('LOYAL-777');
    expect(raw).not.toContain(JSON.stringify(Array.from(new Uint8Array(vector.buffer)).slice(0, 12)).slice(1, -1));
    const [t] = await store.listTemplates(MODEL);
    expect(Array.from(t?.vector ?? [])).toEqual(Array.from(vector));
    expect((await store.findMemberByLoyaltyId('LOYAL-777'))?.displayName).toBe('Zebulon Quartermain');
  });

  it('records whether a member was enrolled at the camera or from photo files, across profile changes', async () => {
    const store = await openTestStore();
    await store.setUp('a good passphrase');
    const atCamera = await store.addMember(profile('Cam', 'L-C'), [], 'camera');
    const fromPhotos = await store.addMember(profile('Pho', 'L-P'), [], 'photos');
    expect(atCamera.enrolledFrom).toBe('camera');
    await store.updateMemberProfile(atCamera.id, { displayName: 'Cam Renamed' });
    expect(await store.getMember(atCamera.id)).toMatchObject({ displayName: 'Cam Renamed', enrolledFrom: 'camera' });
    expect(Object.fromEntries((await store.listMembers()).map((m) => [m.displayName, m.enrolledFrom]))).toEqual({
      'Cam Renamed': 'camera',
      Pho: 'photos',
    });
    expect(await store.db.get('members', fromPhotos.id)).toMatchObject({ enrolledFrom: 'photos' });
  });

  it('writes nothing when part of an enrolment fails', async () => {
    const store = await openTestStore();
    await store.setUp('a good passphrase');
    await store.addMember(profile('First', 'L-1'), []);
    await expect(
      store.addMember(profile('Second', 'L-1'), [{ modelId: MODEL, vector: unitVector(8, 1) }]),
    ).rejects.toBeInstanceOf(StoreError);
    expect((await store.listMembers()).map((m) => m.displayName)).toEqual(['First']);
    expect(await store.db.count('templates')).toBe(0);
  });

  it('reports a full disk and leaves no half-written member', async () => {
    const store = await openTestStore();
    await store.setUp('a good passphrase');
    const restore = fillDiskAt('add', 'templates', 2);
    try {
      await expect(
        store.addMember(profile('Full Disk'), [
          { modelId: MODEL, vector: unitVector(8, 1) },
          { modelId: MODEL, vector: unitVector(8, 2) },
        ]),
      ).rejects.toBeInstanceOf(StoreFullError);
    } finally {
      restore();
    }
    expect(await store.db.count('members')).toBe(0);
    expect(await store.db.count('templates')).toBe(0);
  });

  it('needs a consent record', async () => {
    const store = await openTestStore();
    await store.setUp('a good passphrase');
    const p = profile('No Consent');
    await expect(store.addMember({ ...p, consent: { ...p.consent, scopes: [] } }, [])).rejects.toThrow(/consent/);
  });

  it('flags members whose templates come from another model', async () => {
    const store = await openTestStore();
    await store.setUp('a good passphrase');
    const old = await store.addMember(profile('Old'), [{ modelId: 'old-model@1', vector: unitVector(8, 1) }]);
    await store.addMember(profile('New'), [{ modelId: MODEL, vector: unitVector(8, 2) }]);
    expect(await store.membersNeedingReenrolment(MODEL)).toEqual([old.id]);
    expect(await store.listTemplates(MODEL)).toHaveLength(1);
  });

  it('erasing a member leaves no trace of them in any store', async () => {
    const store = await openTestStore();
    await store.setUp('a good passphrase');
    const keep = await store.addMember(profile('Keeper', 'K-1'), [{ modelId: MODEL, vector: unitVector(8, 9) }]);
    const gone = await store.addMember(profile('Vanessa Erasable', 'V-42'), [
      { modelId: MODEL, vector: unitVector(8, 4) },
      { modelId: MODEL, vector: unitVector(8, 5) },
    ]);
    const lookup = await store.customerLookup('V-42');
    const reason = await store.sealValue({ reason: 'x' }, 'watchlist/w1');
    const memberLookup = await store.memberLookup(gone.id);
    await store.write(['purchases', 'visits', 'watchlist'], async (tx) => {
      await tx.objectStore('purchases').put({
        id: 'p1',
        invoice: 'INV1',
        at: 1,
        items: [{ code: 'A', quantity: 1, price: 2 }],
        customerLookup: lookup,
        source: 'test',
      });
      await tx.objectStore('visits').put({ id: 'v1', start: 1, end: 2, zone: 'door', memberLookup });
      await tx.objectStore('watchlist').put({ id: 'w1', createdAt: 1, expiresAt: 2, memberLookup, sealed: reason });
    });
    await store.eraseMember(gone.id, 'staff-1');

    const raw = await dumpAll(store);
    expect(raw).not.toContain(gone.id);
    expect(raw).not.toContain(lookup);
    expect(raw).not.toContain(memberLookup);
    // Decrypt everything that is left: nothing of the erased member remains inside sealed data either.
    const remaining = await store.listMembers();
    expect(remaining.map((m) => m.id)).toEqual([keep.id]);
    expect(JSON.stringify(remaining)).not.toContain('Vanessa');
    expect((await store.listTemplates()).every((t) => t.memberId === keep.id)).toBe(true);
    // The sale stays for the shop's figures, unlinked.
    expect(await store.db.get('purchases', 'p1')).toMatchObject({ invoice: 'INV1' });
    expect((await store.db.get('purchases', 'p1'))?.customerLookup).toBeUndefined();
    const erasure = (await store.auditLog()).find((a) => a.action === 'member.erased');
    expect(erasure).toEqual({
      id: expect.any(Number) as number,
      at: expect.any(Number) as number,
      action: 'member.erased',
      staff: 'staff-1',
    });
  });
});

describe('schema migrations', () => {
  const PASS = 'a good passphrase';

  /** A database as the app at `version` left it: keys, one member with a template, and that version's data. */
  async function createAtVersion(factory: IDBFactory, version: number) {
    const db = await openDatabase(factory, DB_NAME, version, {
      upgrade(d, oldV, newV, tx) {
        for (let v = oldV + 1; v <= newV; v++) MIGRATIONS[v]?.(d, tx);
      },
    });
    const { key, wrap } = await createDataKey(PASS, FAST_ITERATIONS);
    const material = newLookupKeyMaterial();
    await db.put('meta', { wrap, lookupKey: await seal(key, material, 'meta/lookup-key'), createdAt: 1 }, 'keys');
    await db.put('meta', { id: 'install-1', createdAt: 1 }, 'install');
    const p = profile('Old Timer', 'OT-1');
    const loyaltyLookup = await lookupHash(await importLookupKey(material), 'OT-1');
    // As written before schema 5: no `enrolledFrom`.
    await db.put('members', { id: 'm1', createdAt: 1, loyaltyLookup, sealed: await sealJson(key, p, 'members/m1') });
    const vector = unitVector(8, 7);
    await db.put('templates', {
      id: 't1',
      memberId: 'm1',
      modelId: MODEL,
      dim: 8,
      createdAt: 1,
      sealed: await seal(key, new Uint8Array(vector.buffer), 'templates/t1'),
    });
    await db.put('settings', 0.6, 'recognition.threshold');
    if (version >= 2) {
      await db.put('products', { code: 'A1', name: 'Scarf', category: 'accessories', price: 10, updatedAt: 1 });
      await db.put('purchases', {
        id: 'p1',
        invoice: 'I1',
        at: 5,
        items: [{ code: 'A1', quantity: 1, price: 10 }],
        customerLookup: loyaltyLookup,
        source: 'x',
        // From schema 4 on, the app writes linked sales with their member time.
        ...(version >= 4 ? { memberAt: 5 } : {}),
      });
    }
    db.close();
    return vector;
  }

  for (let from = 1; from < SCHEMA_VERSION; from++) {
    it(`upgrades a version ${from} database to version ${SCHEMA_VERSION} without losing data`, async () => {
      const factory = freshFactory();
      const vector = await createAtVersion(factory, from);
      const store = await openTestStore(factory);
      expect(store.db.version).toBe(SCHEMA_VERSION);
      expect(Array.from(store.db.objectStoreNames).sort()).toEqual([
        'anonVisitors',
        'audit',
        'daily',
        'hourly',
        'imports',
        'itemModels',
        'members',
        'meta',
        'products',
        'purchases',
        'settings',
        'templates',
        'visits',
        'watchlist',
      ]);
      expect(await store.installId()).toBe('install-1');
      await store.unlock(PASS);
      // Schema 5 records how members were enrolled; those from before say it was not recorded.
      expect(await store.findMemberByLoyaltyId('OT-1')).toMatchObject({
        id: 'm1',
        displayName: 'Old Timer',
        enrolledFrom: 'unrecorded',
      });
      expect(await store.db.get('members', 'm1')).toMatchObject({ enrolledFrom: 'unrecorded' });
      expect(Array.from((await store.listTemplates(MODEL))[0]?.vector ?? [])).toEqual(Array.from(vector));
      expect(await store.getSetting('recognition.threshold')).toBe(0.6);
      if (from >= 2) {
        expect(await store.db.get('products', 'A1')).toMatchObject({ name: 'Scarf' });
        // Schema 4 back-fills the member-purchase time index for sales linked to a customer.
        expect(await store.db.get('purchases', 'p1')).toMatchObject({ memberAt: 5 });
        expect(await store.db.countFromIndex('purchases', 'byMemberTime', IDBKeyRange.bound(0, 10))).toBe(1);
      }
    });
  }

  it('says so when another tab with an older version blocks the upgrade, and steps aside for newer tabs', async () => {
    const factory = freshFactory();
    const oldTab = await openDatabase(factory, DB_NAME, 1, { upgrade: (d, o, n, tx) => MIGRATIONS[1]?.(d, tx) });
    await expect(openTestStore(factory)).rejects.toBeInstanceOf(StoreBlockedError);
    oldTab.close();
    const store = await openTestStore(factory);
    await store.setUp(PASS);
    const closed: string[] = [];
    store.onClosed((reason) => closed.push(reason));
    // This (current) tab closes its connection when an even newer version asks to upgrade, locks, and says so.
    const newer = await openDatabase(factory, DB_NAME, SCHEMA_VERSION + 1, { upgrade: () => undefined });
    expect(newer.version).toBe(SCHEMA_VERSION + 1);
    newer.close();
    expect(store.db.version).toBe(SCHEMA_VERSION);
    expect(closed).toEqual(['upgraded-elsewhere']);
    expect(store.isUnlocked).toBe(false);
  });

  it('refuses a database written by a newer app version with a clear message', async () => {
    const factory = freshFactory();
    const db = await openDatabase(factory, DB_NAME, SCHEMA_VERSION + 1, { upgrade: () => undefined });
    db.close();
    await expect(openTestStore(factory)).rejects.toThrow(/newer version of Counterpart/);
  });
});
