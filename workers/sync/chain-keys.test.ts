import PouchDB, { type Database } from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import { describe, expect, it } from 'vitest';
import { ChainKeys, stamper } from './chain-keys';
import { type DayKey } from './crypto/day-keys';
import { type Envelope, openEnvelope } from './crypto/envelope';
import { firstEpoch } from './crypto/epochs';
import { keyId, newRawKey, randomDocId } from './crypto/keys';
import { epochServer } from './epoch-server';
import { Keyring } from './keyring';
import { Replica } from './replica';

PouchDB.plugin(memory).plugin(replication);
let dbs = 0;
const db = () => new PouchDB<Envelope>(`chain-${++dbs}-${Math.random()}`, { adapter: 'memory' });

async function chain() {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const day: DayKey = { day: 20_000, raw, id: await keyId(raw) };
  const shared = { chain: 'c1', ids: await newRawKey(), epoch: await firstEpoch(), shop: await newRawKey(), day };
  const server = db();
  let clock = 1_000;
  const tablet = async (name: string) => {
    const ring = await Keyring.of({ ...shared, members: new Map() });
    const replica = new Replica(db(), ring.lookup);
    const keys = new ChainKeys({ ring, replica, server: epochServer(server), stamp: stamper(name, () => ++clock) });
    return { name, ring, replica, keys, seen: 0 as string | number };
  };
  const a = await tablet('a');
  const b = await tablet('b');
  const c = await tablet('c');
  /** Pushes then pulls for the tablets online (all by default). */
  const sync = async (online = [a, b]) => {
    for (const t of online) await PouchDB.replicate(t.replica.db, server);
    for (const t of online) await PouchDB.replicate(server, t.replica.db);
  };
  return { server, a, b, c, sync, epoch0: shared.epoch, stamp: stamper('test', () => ++clock) };
}

/**
 * Every revision of every document the server still has, deleted documents and old revisions included (CouchDB
 * keeps them until compaction; so does this in-memory server).
 */
async function allRevisions(server: Database<Envelope>): Promise<Envelope[]> {
  const docs: Envelope[] = [];
  const ids = new Set((await server.changes({ since: 0, style: 'all_docs' })).results.map((r) => r.id));
  for (const id of ids) {
    const revs = new Set<string>();
    for (const leaf of await server.get(id, { open_revs: 'all', revs: true })) {
      if (!leaf.ok) continue;
      const { start, ids: hashes } = leaf.ok._revisions;
      hashes.forEach((hash, i) => revs.add(`${start - i}-${hash}`));
    }
    for (const rev of revs) {
      const doc = await server.get(id, { rev }).catch(() => undefined);
      if (doc && !(doc as { _deleted?: boolean })._deleted) docs.push(doc);
    }
  }
  return docs;
}

describe('member keys and erasure across tablets', () => {
  it('a member enrolled on one tablet opens on the other', async () => {
    const { a, b, sync, stamp } = await chain();
    const sealing = await a.keys.memberKey('m-1');
    await a.replica.write('doc-m1', { kind: 'member', id: 'm-1', hlc: stamp(), body: { name: 'Ada' } }, sealing);
    await sync();
    const followed = await b.keys.follow(b.seen);
    expect(followed.erased).toEqual([]);
    expect(await b.replica.read('doc-m1')).toMatchObject({ body: { name: 'Ada' } });
  });

  it('after an erasure synced, nothing of the member opens with any key either tablet holds, old revisions included', async () => {
    const { server, a, b, sync, stamp } = await chain();
    const ada = await a.keys.memberKey('m-ada');
    const bob = await a.keys.memberKey('m-bob');
    const write = (doc: string, kind: string, id: string, body: object, sealing: typeof ada) =>
      a.replica.write(doc, { kind, id, hlc: stamp(), body }, sealing);
    await write('doc-ada', 'member', 'm-ada', { name: 'Ada Lovelace', loyalty: 'L-7777' }, ada);
    await write('doc-ada-t1', 'template', 't-1', { vector: [0.125, 0.5] }, ada);
    await write('doc-bob', 'member', 'm-bob', { name: 'Bob Stranger' }, bob);
    await sync();
    await b.keys.follow(0);
    expect(await b.replica.read('doc-ada')).toMatchObject({ body: { name: 'Ada Lovelace' } });

    await a.keys.erase('m-ada', ['doc-ada', 'doc-ada-t1']);
    await sync();
    const followed = await b.keys.follow(0);
    expect(followed.erased).toEqual(['m-ada']);
    expect(b.ring.epoch.n).toBe(1);
    // Bob is still readable on B: his key came again under the new epoch.
    expect(await b.replica.read('doc-bob')).toMatchObject({ body: { name: 'Bob Stranger' } });

    const revisions = await allRevisions(server);
    expect(revisions.length).toBeGreaterThan(6);
    for (const t of [a, b]) {
      for (const doc of revisions) {
        const payload = await openEnvelope(doc, t.ring.lookup);
        const text = JSON.stringify(payload ?? {});
        expect(text, `${t.name} opened ${doc._id}`).not.toMatch(/Ada|L-7777|0\.125/);
        // The only thing about m-ada that opens is the tombstone, which holds no key.
        if (payload?.id === 'm-ada') expect(payload).toMatchObject({ ended: true, body: {} });
      }
    }
  });

  it('a member enrolled offline under the old epoch reaches the others: its tablet seals the key again', async () => {
    const { a, b, c, sync, epoch0, stamp } = await chain();
    await a.keys.memberKey('m-ada');
    await sync([a, b, c]);
    await c.keys.follow(0);
    // C is offline: it enrols Cy under epoch 0 while A erases Ada (epoch 1).
    const cy = await c.keys.memberKey('m-cy');
    await c.replica.write('doc-cy', { kind: 'member', id: 'm-cy', hlc: stamp(), body: { name: 'Cy' } }, cy);
    await a.keys.erase('m-ada', []);
    await sync([a, b]);
    await b.keys.follow(0);
    // C comes back: it follows the new epoch, forgets epoch 0, and seals Cy's key under epoch 1.
    await sync([c]);
    expect((await c.keys.follow(0)).erased).toEqual(['m-ada']);
    expect(c.ring.heldKeyIds()).not.toContain(epoch0.id);
    await sync([c, a, b]);
    await b.keys.follow(0);
    expect(await b.replica.read('doc-cy')).toMatchObject({ body: { name: 'Cy' } });
  });

  it('a tablet that never held the chain keys opens nothing', async () => {
    const { server, a, sync, stamp } = await chain();
    const ada = await a.keys.memberKey('m-ada');
    await a.replica.write(randomDocId(), { kind: 'visit', id: 'v', hlc: stamp(), body: { who: 'Ada' } }, ada);
    await sync();
    const stranger = await Keyring.of({
      chain: 'c1',
      ids: await newRawKey(),
      epoch: await firstEpoch(),
      shop: await newRawKey(),
      day: { day: 1, ...(await newRawKey()) },
      members: new Map(),
    });
    for (const doc of await allRevisions(server)) expect(await openEnvelope(doc, stranger.lookup)).toBeUndefined();
  });
});
