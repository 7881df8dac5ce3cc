import { describe, expect, it } from 'vitest';
import type { Envelope } from './envelope';
import { openEnvelope, sealEnvelope } from './envelope';
import { type EpochServer, advanceEpoch, firstEpoch, latestEpoch } from './epochs';
import { aesKey, idKey, newRawKey } from './keys';

/** A server that keeps every document ever written (as CouchDB keeps old revisions until compaction). */
class MemoryServer implements EpochServer {
  readonly docs = new Map<string, Envelope>();
  readonly history: Envelope[] = [];
  get(id: string) {
    return Promise.resolve(this.docs.get(id));
  }
  create(doc: Envelope) {
    if (this.docs.has(doc._id)) return Promise.resolve(false);
    this.docs.set(doc._id, doc);
    this.history.push(doc);
    return Promise.resolve(true);
  }
}

const HLC = '000001764763200000-000000-t';

describe('epoch ratchet', () => {
  it('a tablet that was away follows every epoch made since', async () => {
    const server = new MemoryServer();
    const ids = await idKey((await newRawKey()).raw);
    const e0 = await firstEpoch();
    const e1 = await advanceEpoch(e0, server, ids, HLC);
    const e2 = await advanceEpoch(e1, server, ids, HLC);
    const followed = await latestEpoch(e0, server, ids);
    expect(followed.n).toBe(2);
    expect(followed.raw).toEqual(e2.raw);
    expect(followed.id).toBe(e2.id);
  });

  it('two tablets erasing at once make two epochs in one line, and both end on the newest', async () => {
    const server = new MemoryServer();
    const ids = await idKey((await newRawKey()).raw);
    const e0 = await firstEpoch();
    const [a, b] = await Promise.all([advanceEpoch(e0, server, ids, HLC), advanceEpoch(e0, server, ids, HLC)]);
    expect([a.n, b.n].sort()).toEqual([1, 2]);
    const newest = a.n > b.n ? a : b;
    expect((await latestEpoch(e0, server, ids)).raw).toEqual(newest.raw);
    expect(server.history).toHaveLength(2);
  });

  it('what was sealed under an old epoch does not open with the keys a tablet holds after the next one', async () => {
    const server = new MemoryServer();
    const ids = await idKey((await newRawKey()).raw);
    const e0 = await firstEpoch();
    // A member's key, distributed under epoch 0 (this document stays on the server as an old revision).
    const memberKey = await newRawKey();
    const old = await sealEnvelope(
      'member-key-doc',
      { kind: 'member-key', id: 'm-1', hlc: HLC, body: { raw: memberKey.id } },
      { id: e0.id, key: await aesKey(e0.raw) },
    );
    const e1 = await advanceEpoch(e0, server, ids, HLC);
    // The tablet now holds e1 only (it forgot e0): neither the old member-key document nor the epoch document opens.
    const held = new Map([[e1.id, await aesKey(e1.raw)]]);
    expect(await openEnvelope(old, (id) => held.get(id))).toBeUndefined();
    for (const doc of server.history) expect(await openEnvelope(doc, (id) => held.get(id))).toBeUndefined();
  });

  it('a tablet holding another chain’s epoch key cannot follow this chain', async () => {
    const server = new MemoryServer();
    const ids = await idKey((await newRawKey()).raw);
    await advanceEpoch(await firstEpoch(), server, ids, HLC);
    const stranger = await firstEpoch();
    await expect(latestEpoch(stranger, server, ids)).rejects.toThrow(/not sealed under epoch 0/);
  });
});
