// Opening the database: upgrades from every earlier schema, other tabs, and newer versions.
import { describe, expect, it } from 'vitest';
import { createDataKey, importLookupKey, lookupHash, newLookupKeyMaterial, seal, sealJson } from './crypto';
import { openDatabase } from './open-database';
import { StoreBlockedError } from './errors';
import { DB_NAME, MIGRATIONS, SCHEMA_VERSION, managerFromSharedWrap, withoutSharedWrap } from './schema';
import { FAST_ITERATIONS, freshFactory, openTestStore, profile, unitVector } from './test-support';

const MODEL = 'test-model@1';

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
    const keys = { wrap, lookupKey: await seal(key, material, 'meta/lookup-key'), createdAt: 1 };
    // Up to schema 5 one shared passphrase wraps the data key in the keys record; from 6 it is the first manager's.
    if (version >= 6) {
      await db.put('meta', withoutSharedWrap(keys), 'keys');
      await db.put('staff', managerFromSharedWrap(wrap, 1));
    } else {
      await db.put('meta', keys, 'keys');
    }
    await db.put('meta', { id: 'install-1', createdAt: 1 }, 'install');
    const p = profile('Old Timer', 'OT-1');
    const loyaltyLookup = await lookupHash(await importLookupKey(material), 'OT-1');
    // Before schema 5 without `enrolledFrom`; from 5 on with it.
    await db.put('members', {
      id: 'm1',
      createdAt: 1,
      loyaltyLookup,
      ...(version >= 5 ? { enrolledFrom: 'photos' as const } : {}),
      sealed: await sealJson(key, p, 'members/m1'),
    });
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
      expect(store.database.idb.version).toBe(SCHEMA_VERSION);
      expect(Array.from(store.database.idb.objectStoreNames).sort()).toEqual([
        'anonVisitors',
        'audit',
        'chainFigures',
        'daily',
        'hourly',
        'imports',
        'itemModels',
        'members',
        'meta',
        'outbox',
        'products',
        'purchases',
        'settings',
        'staff',
        'templates',
        'visits',
        'watchlist',
      ]);
      expect(await store.database.installId()).toBe('install-1');
      expect(await store.database.idb.count('outbox')).toBe(0);
      expect(await store.database.idb.count('chainFigures')).toBe(0);
      // Schema 6 makes the shared passphrase the first manager's: it still unlocks, as a manager, and the shared
      // wrap is gone from the keys record. Schema 7 adds the (empty) outbox, schema 8 the (empty) chain figures.
      await store.vault.unlock(PASS);
      expect(store.vault.actor?.role).toBe('manager');
      expect(await store.database.idb.count('staff')).toBe(1);
      expect(await store.vault.keysRecord()).not.toHaveProperty('wrap');
      expect((await store.vault.listUsers()).map((u) => u.role)).toEqual(['manager']);
      // Schema 5 records how members were enrolled; those from before say it was not recorded.
      const enrolledFrom = from >= 5 ? 'photos' : 'unrecorded';
      expect(await store.members.findMemberByLoyaltyId('OT-1')).toMatchObject({
        id: 'm1',
        displayName: 'Old Timer',
        enrolledFrom,
      });
      expect(await store.database.idb.get('members', 'm1')).toMatchObject({ enrolledFrom });
      expect(Array.from((await store.members.listTemplates(MODEL))[0]?.vector ?? [])).toEqual(Array.from(vector));
      expect(await store.settings.get('recognition.threshold')).toBe(0.6);
      if (from >= 2) {
        expect(await store.database.idb.get('products', 'A1')).toMatchObject({ name: 'Scarf' });
        // Schema 4 back-fills the member-purchase time index for sales linked to a customer.
        expect(await store.database.idb.get('purchases', 'p1')).toMatchObject({ memberAt: 5 });
        expect(await store.database.idb.countFromIndex('purchases', 'byMemberTime', IDBKeyRange.bound(0, 10))).toBe(1);
      }
    });
  }

  it('says so when another tab with an older version blocks the upgrade, and steps aside for newer tabs', async () => {
    const factory = freshFactory();
    const oldTab = await openDatabase(factory, DB_NAME, 1, { upgrade: (d, o, n, tx) => MIGRATIONS[1]?.(d, tx) });
    await expect(openTestStore(factory)).rejects.toBeInstanceOf(StoreBlockedError);
    oldTab.close();
    const store = await openTestStore(factory);
    await store.vault.setUp(PASS);
    const closed: string[] = [];
    store.database.onClosed((reason) => closed.push(reason));
    // This (current) tab closes its connection when an even newer version asks to upgrade, locks, and says so.
    const newer = await openDatabase(factory, DB_NAME, SCHEMA_VERSION + 1, { upgrade: () => undefined });
    expect(newer.version).toBe(SCHEMA_VERSION + 1);
    newer.close();
    expect(store.database.idb.version).toBe(SCHEMA_VERSION);
    expect(closed).toEqual(['upgraded-elsewhere']);
    expect(store.vault.isUnlocked).toBe(false);
  });

  it('refuses a database written by a newer app version with a clear message', async () => {
    const factory = freshFactory();
    const db = await openDatabase(factory, DB_NAME, SCHEMA_VERSION + 1, { upgrade: () => undefined });
    db.close();
    await expect(openTestStore(factory)).rejects.toThrow(/newer version of Counterpart/);
  });
});
