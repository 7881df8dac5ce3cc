import { describe, expect, it } from 'vitest';
import { StoreFullError } from './errors';
import { openTestStore, profile, unitVector } from './test-support';

const MODEL = 'm@1';

async function outbox(store: Awaited<ReturnType<typeof openTestStore>>) {
  return (await store.database.idb.getAll('outbox')).map(({ id: _id, at: _at, ...change }) => change);
}

describe('change capture for replication', () => {
  it('records nothing while the shop does not sync', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    await store.members.addMember(profile('Ada Lovelace'), [{ modelId: MODEL, vector: unitVector(8, 1) }]);
    expect(await outbox(store)).toEqual([]);
  });

  it('records which records changed, in the same transaction, through puts, cursors and deletes', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    store.database.captureChanges(true);
    const ada = await store.members.addMember(profile('Ada Lovelace'), [{ modelId: MODEL, vector: unitVector(8, 1) }]);
    const [template] = await store.members.listTemplates(MODEL);
    const changes = await outbox(store);
    expect(changes).toContainEqual({ store: 'members', op: 'put', key: ada.id });
    expect(changes).toContainEqual({ store: 'templates', op: 'put', key: template?.id });
    expect(changes.filter((c) => c.store === 'audit')).toHaveLength(1);
    // Only keys: nothing of the record itself.
    expect(JSON.stringify(changes)).not.toContain('Ada');

    await store.database.idb.clear('outbox');
    await store.members.eraseMember(ada.id);
    const erased = await outbox(store);
    expect(erased).toContainEqual({ store: 'members', op: 'delete', key: ada.id });
    expect(erased).toContainEqual({ store: 'templates', op: 'delete', key: template?.id });
    // The enrolment's audit row lost the member id through a cursor update: recorded as a put of that row.
    const enrolled = (await store.audit.list()).find((a) => a.action === 'member.enrolled');
    expect(erased).toContainEqual({ store: 'audit', op: 'put', key: enrolled?.id });
  });

  it('records deletes by cursor and by key range, and a clear', async () => {
    const store = await openTestStore();
    store.database.captureChanges(true);
    const product = (code: string) => ({ code, name: code, category: '', price: 1, updatedAt: 1 });
    await store.database.write(['products'], async (tx) => {
      for (const code of ['A', 'B', 'C', 'D']) await tx.objectStore('products').put(product(code));
    });
    await store.database.idb.clear('outbox');
    await store.database.write(['products'], async (tx) => {
      const cursor = await tx.objectStore('products').openCursor('A');
      await cursor?.delete();
      await tx.objectStore('products').delete(IDBKeyRange.bound('B', 'C'));
    });
    await store.database.write(['products'], async (tx) => tx.objectStore('products').clear());
    expect(await outbox(store)).toEqual([
      { store: 'products', op: 'delete', key: 'A' },
      { store: 'products', op: 'delete-range', range: { lower: 'B', upper: 'C', lowerOpen: false, upperOpen: false } },
      { store: 'products', op: 'clear' },
    ]);
  });

  it('a write that fails leaves no outbox row', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    store.database.captureChanges(true);
    await expect(
      store.database.write(['products'], async (tx) => {
        await tx.objectStore('products').put({ code: 'A1', name: 'Scarf', category: '', price: 10, updatedAt: 1 });
        throw new StoreFullError('full');
      }),
    ).rejects.toThrow(StoreFullError);
    expect(await store.database.idb.getAll('products')).toEqual([]);
    expect(await outbox(store)).toEqual([]);
  });

  it('stores that do not replicate are not captured', async () => {
    const store = await openTestStore();
    store.database.captureChanges(true);
    await store.imports.record({ id: 'sha-1', name: 'sales.csv', at: 1, accepted: 1, rejected: 0 });
    // The import's own row stays on this tablet; its audit row replicates.
    expect((await outbox(store)).map((c) => c.store)).toEqual(['audit']);
  });

  it("captures the settings store, and sends from it only the shop's settings record", async () => {
    const store = await openTestStore();
    await store.vault.setUp('a passphrase for this test');
    store.database.captureChanges(true);
    await store.settings.set('device', { camera: 'front' });
    await store.settings.set('app.settings', { retentionHours: 48 });
    const rows = await store.replication.pending(10);
    expect(rows.map((r) => [r.store, 'key' in r ? r.key : undefined])).toEqual([
      ['settings', 'device'],
      ['settings', 'app.settings'],
    ]);
    const sent = (await Promise.all(rows.map((r) => store.replication.outgoing(r)))).flat();
    expect(sent).toMatchObject([{ kind: 'settings', body: { retentionHours: 48 } }]);
  });
});
