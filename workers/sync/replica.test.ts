import PouchDB, { type Database } from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/core/sync/hlc';
import type { Envelope, Payload } from './crypto/envelope';
import { aesKey, newRawKey, randomDocId } from './crypto/keys';
import { Replica } from './replica';
import { readableText } from './test-support';

PouchDB.plugin(memory).plugin(replication);

let dbs = 0;
const db = () => new PouchDB<Envelope>(`test-${++dbs}-${Math.random()}`, { adapter: 'memory' });

async function setUp() {
  const raw = await newRawKey();
  const key = { id: raw.id, key: await aesKey(raw.raw) };
  const keys = (id: string) => (id === key.id ? key.key : undefined);
  const server = db();
  const a = new Replica(db(), keys);
  const b = new Replica(db(), keys);
  /** Both tablets push, then both pull (what live sync does, in a fixed order). */
  const sync = async () => {
    for (const t of [a, b]) await PouchDB.replicate(t.db, server);
    for (const t of [a, b]) await PouchDB.replicate(server, t.db);
  };
  return { key, server, a, b, sync };
}

const member = (name: string, wall: number, tablet: string, ended = false): Payload => ({
  kind: 'member',
  id: 'm-1',
  hlc: formatHlc({ wall, counter: 0, tablet }),
  body: { displayName: name, loyaltyId: 'L-7777' },
  ...(ended ? { ended } : {}),
});

/** Every revision of every document the server holds (current, conflicting and old), as readable text. */
async function everythingOn(server: Database<Envelope>): Promise<string> {
  const all = await server.allDocs();
  const texts: string[] = [];
  for (const row of all.rows) {
    const doc = await server.get(row.id, { revs_info: true, conflicts: true });
    for (const info of doc._revs_info ?? []) {
      if (info.status !== 'available') continue;
      texts.push(readableText(await server.get(row.id, { rev: info.rev })));
    }
  }
  return texts.join('\n');
}

describe('replica', () => {
  it('a record written on one tablet opens on the other, and the server holds only ciphertext', async () => {
    const { key, server, a, b, sync } = await setUp();
    await a.write('doc-m1', member('Ada Lovelace', 1, 'a'), key);
    await a.write('doc-m1', member('Ada King', 2, 'a'), key);
    await sync();
    expect(await b.read('doc-m1')).toMatchObject({ body: { displayName: 'Ada King' } });
    const text = await everythingOn(server);
    expect(text).toContain('doc-m1');
    for (const secret of ['Ada', 'Lovelace', 'King', 'L-7777', 'member', 'm-1']) expect(text).not.toContain(secret);
  });

  it('two tablets editing one record offline end on the same version: the latest', async () => {
    const { key, a, b, sync } = await setUp();
    await a.write('doc-m1', member('Ada Lovelace', 1, 'a'), key);
    await sync();
    await b.write('doc-m1', member('Ada B', 5, 'b'), key);
    await a.write('doc-m1', member('Ada A', 3, 'a'), key);
    await sync();
    // PouchDB kept both versions as leaves; which one it shows is its own choice.
    expect((await a.db.get('doc-m1', { conflicts: true }))._conflicts).toHaveLength(1);
    expect((await a.read('doc-m1'))?.body).toMatchObject({ displayName: 'Ada B' });
    expect((await b.read('doc-m1'))?.body).toMatchObject({ displayName: 'Ada B' });
    // Both settled the conflict; after the next round there is one leaf on every copy.
    await sync();
    for (const t of [a, b]) {
      expect(await t.settle('doc-m1')).toBe(false);
      expect((await t.db.get('doc-m1', { conflicts: true }))._conflicts ?? []).toEqual([]);
    }
    expect((await b.read('doc-m1'))?.body).toMatchObject({ displayName: 'Ada B' });
  });

  it('a tablet that cannot open every version of a conflict leaves it for one that can', async () => {
    const { key, a, b, sync } = await setUp();
    await a.write('doc-m1', member('Ada Lovelace', 1, 'a'), key);
    await sync();
    // B seals its edit under a newer key A does not hold yet (an epoch A has not followed).
    const newer = await newRawKey();
    await b.write('doc-m1', member('Ada B', 5, 'b'), { id: newer.id, key: await aesKey(newer.raw) });
    await a.write('doc-m1', member('Ada A', 3, 'a'), key);
    await sync();
    expect(await a.settle('doc-m1')).toBe(false);
    expect((await a.db.get('doc-m1', { conflicts: true }))._conflicts).toHaveLength(1);
  });

  it('an erasure beats an edit made later on another tablet', async () => {
    const { key, a, b, sync } = await setUp();
    await a.write('doc-m1', member('Ada Lovelace', 1, 'a'), key);
    await sync();
    await a.write('doc-m1', member('', 2, 'a', true), key);
    await b.write('doc-m1', member('Ada renamed offline', 9, 'b'), key);
    await sync();
    await sync();
    expect(await a.read('doc-m1')).toMatchObject({ ended: true });
    expect(await b.read('doc-m1')).toMatchObject({ ended: true });
  });

  it('a document under a key this tablet does not hold reads as nothing; the changes feed lists each record', async () => {
    const { key, a, sync } = await setUp();
    const stranger = new Replica(db(), () => undefined);
    const id = randomDocId();
    await a.write(
      id,
      { kind: 'visit', id: 'v-1', hlc: formatHlc({ wall: 1, counter: 0, tablet: 'a' }), body: {} },
      key,
    );
    await sync();
    await PouchDB.replicate(a.db, stranger.db);
    expect(await stranger.read(id)).toBeUndefined();
    await a.write('doc-m1', member('Ada Lovelace', 2, 'a'), key);
    const { changes, last } = await a.changesSince(0);
    expect(changes.map((c) => [c.docId, c.payload?.kind])).toEqual([
      [id, 'visit'],
      ['doc-m1', 'member'],
    ]);
    await a.remove(id);
    expect((await a.changesSince(last)).changes).toEqual([{ docId: id, payload: undefined, deleted: true }]);
  });
  it('writeAll writes a batch as write would one record after another, a document named twice included', async () => {
    const { key, a } = await setUp();
    const one = new Replica(db(), (id) => (id === key.id ? key.key : undefined));
    const visit = (id: string, wall: number, ended = false): Payload => ({
      kind: 'visit',
      id,
      hlc: formatHlc({ wall, counter: 0, tablet: 'a' }),
      body: ended ? null : { wall },
      ...(ended ? { ended } : {}),
    });
    // Already there: one current, one deleted.
    for (const r of [a, one]) {
      await r.write('doc-old', visit('v-old', 1), key);
      await r.write('doc-gone', visit('v-gone', 1), key);
      await r.remove('doc-gone');
    }
    const batch = [
      { docId: 'doc-old', payload: visit('v-old', 2), sealing: key },
      { docId: 'doc-new', payload: visit('v-new', 3), sealing: key },
      { docId: 'doc-gone', payload: visit('v-gone', 4), sealing: key },
      // The same record again, and its end, in the same batch.
      { docId: 'doc-new', payload: visit('v-new', 5), sealing: key },
      { docId: 'doc-new', payload: visit('v-new', 6, true), sealing: key },
    ];
    await a.writeAll(batch);
    for (const w of batch) await one.write(w.docId, w.payload, w.sealing);
    for (const docId of ['doc-old', 'doc-new', 'doc-gone']) {
      const [got, want] = await Promise.all([a.db.get(docId), one.db.get(docId)]);
      // The same revision number (one revision per write) and the same record.
      expect(got._rev.split('-')[0]).toBe(want._rev.split('-')[0]);
      expect(await a.read(docId)).toEqual(await one.read(docId));
    }
    expect(await a.read('doc-new')).toMatchObject({ ended: true, hlc: visit('v-new', 6).hlc });
    expect((await a.db.get('doc-new'))._rev).toMatch(/^3-/);
    expect((await a.changesSince(0)).changes.map((c) => c.docId).sort()).toEqual(['doc-gone', 'doc-new', 'doc-old']);
  });
});
