import PouchDB, { type Database } from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import { describe, expect, it, vi } from 'vitest';
import {
  CHAIN_FIGURES_KIND,
  type OutgoingRecord,
  type PullResult,
  type SyncConnection,
  type SyncSecrets,
} from '../../src/shared/sync-api';
import type { Envelope } from './crypto/envelope';
import { liveSync } from './live';
import { SyncEngine, type SyncPlatform } from './sync-engine';
import { readableText } from './test-support';

PouchDB.plugin(memory).plugin(replication);

/** A server of in-memory databases, and a platform per tablet whose replicas are its own. */
function makeServer() {
  const dbs = new Map<string, Database<Envelope>>();
  let clock = Date.UTC(2026, 11, 3, 9);
  const remote = (name: string) => {
    let db = dbs.get(name);
    if (!db) dbs.set(name, (db = new PouchDB<Envelope>(`server-${name}-${Math.random()}`, { adapter: 'memory' })));
    return db;
  };
  const replicas = new Map<string, Database<Envelope>>();
  const serverId = Math.random().toString(36).slice(2);
  const platform = (tablet: string): SyncPlatform => ({
    replica: (name) => {
      // The same name for the same tablet, so a tablet opened again finds its replica as it left it.
      const db = new PouchDB<Envelope>(`${serverId}-${tablet}-${name}`, { adapter: 'memory' });
      replicas.set(`${tablet}/${name}`, db);
      return db;
    },
    remote: (_c, name) => remote(name),
    probe: async (c, name) => {
      if (c.password !== 'right') return { ok: false, reason: 'credentials' };
      const db = dbs.get(name);
      return db ? { ok: true, docs: (await db.info()).doc_count } : { ok: false, reason: 'missing' };
    },
    live: liveSync,
    now: () => clock,
  });
  return { dbs, replicas, platform, advance: (ms: number) => (clock += ms) };
}

const connection: SyncConnection = {
  server: 'http://127.0.0.1:5984',
  chain: 'acme',
  shop: 'high-street',
  username: 'shop-hs',
  password: 'right',
};

function must<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new Error(`failed: ${r.reason}`);
  return r.value;
}

async function tablet(server: ReturnType<typeof makeServer>, secrets: SyncSecrets, id: string) {
  const engine = await SyncEngine.open(server.platform(id), secrets, id);
  engine.start({ onState: () => undefined, onIncoming: () => undefined });
  const received: PullResult[] = [];
  /** Pulls until `until` holds of everything pulled so far (live replication is under way meanwhile). */
  const pullUntil = (until: (all: PullResult) => boolean) =>
    vi.waitFor(
      async () => {
        received.push(await engine.pull());
        const all = { records: received.flatMap((r) => r.records), erased: received.flatMap((r) => r.erased) };
        if (!until(all)) throw new Error('not yet');
        return all;
      },
      { timeout: 10_000, interval: 50 },
    );
  return { engine, pullUntil };
}

/** Every revision of every document on the server. */
async function revisions(dbs: Map<string, Database<Envelope>>): Promise<object[]> {
  const out: object[] = [];
  for (const db of dbs.values()) {
    for (const row of (await db.allDocs()).rows) {
      const leaves = await db.get(row.id, { open_revs: 'all', revs: true });
      for (const leaf of leaves) {
        const doc = leaf.ok;
        if (!doc) continue;
        const { start, ids } = doc._revisions;
        for (let i = 0; i < ids.length; i++) {
          const rev = `${start - i}-${ids[i]}`;
          const old = await db.get(row.id, { rev }).catch(() => undefined);
          if (old) out.push(old);
        }
      }
    }
  }
  return out;
}

/** Every revision of every document on the server, as text. */
async function everything(dbs: Map<string, Database<Envelope>>): Promise<string> {
  return (await revisions(dbs)).map((d) => readableText(d)).join('\n');
}

const member: OutgoingRecord = {
  scope: 'chain',
  kind: 'member',
  id: 'member-1',
  memberId: 'member-1',
  body: { displayName: 'Ada Lovelace', loyaltyId: 'L-31337' },
};
const template: OutgoingRecord = {
  scope: 'chain',
  kind: 'template',
  id: 'template-1',
  memberId: 'member-1',
  body: { memberId: 'member-1', vector: 'QUJDREVGR0g=' },
};

describe('SyncEngine', () => {
  it('makes a chain once; a second "first tablet" is refused', async () => {
    const server = makeServer();
    must(await SyncEngine.create(server.platform('A'), connection, 'A'));
    expect(await SyncEngine.create(server.platform('B'), connection, 'B')).toEqual({
      ok: false,
      reason: 'chain-exists',
    });
    expect(await SyncEngine.create(server.platform('B'), { ...connection, password: 'wrong' }, 'B')).toEqual({
      ok: false,
      reason: 'credentials',
    });
    expect(await SyncEngine.create(server.platform('B'), { ...connection, chain: 'Acme!' }, 'B')).toEqual({
      ok: false,
      reason: 'bad-name',
    });
  });

  it('joins with a pairing code once, not with a wrong, used or expired one', async () => {
    const server = makeServer();
    const a = await SyncEngine.open(
      server.platform('A'),
      must(await SyncEngine.create(server.platform('A'), connection, 'A')),
      'A',
    );
    const { code } = must(await a.offerPairing());
    const join = (typed: string, c = connection) => SyncEngine.join(server.platform('B'), c, typed);
    expect(await join('0000-0000-0000')).toEqual({ ok: false, reason: 'wrong-code' });
    expect(await join('not a code')).toEqual({ ok: false, reason: 'wrong-code' });
    expect(await join(code, { ...connection, chain: 'other' })).toEqual({ ok: false, reason: 'not-a-chain' });
    expect(await join(code, { ...connection, password: 'wrong' })).toEqual({ ok: false, reason: 'credentials' });
    const joined = must(await join(code.toLowerCase()));
    expect(joined.connection.shop).toBe('high-street');
    expect(await join(code)).toEqual({ ok: false, reason: 'wrong-code' });

    const late = must(await a.offerPairing()).code;
    server.advance(11 * 60_000);
    expect(await join(late)).toEqual({ ok: false, reason: 'expired-code' });
    await a.close();
  });

  it('carries a member from one tablet to another, and an erasure, with no plaintext on the server', async () => {
    const server = makeServer();
    const first = must(await SyncEngine.create(server.platform('A'), connection, 'A'));
    const a = await tablet(server, first, 'A');
    const { code } = must(await a.engine.offerPairing());
    const b = await tablet(server, must(await SyncEngine.join(server.platform('B'), connection, code)), 'B');

    await a.engine.send([member, template, { scope: 'shop', kind: 'sale', id: 'sale-1', body: { total: 1234 } }]);
    const got = await b.pullUntil((all) => all.records.length >= 3);
    expect(got.records.map((r) => r.kind).sort()).toEqual(['member', 'sale', 'template']);
    expect(got.records.find((r) => r.kind === 'member')?.body).toEqual(member.body);
    // A tablet's own changes do not come back to it.
    expect((await a.engine.pull()).records).toEqual([]);

    const memberKeysBefore = b.engine.heldKeyIds().length;
    await a.engine.send([{ scope: 'chain', kind: 'member', id: 'member-1', memberId: 'member-1', ended: true }]);
    const after = await b.pullUntil((all) => all.erased.includes('member-1'));
    expect(after.erased).toEqual(['member-1']);
    // B forgot the member's key and the old epoch's (and holds the new epoch's).
    expect(b.engine.heldKeyIds().length).toBe(memberKeysBefore - 1);

    // Nothing of the member opens any more, on either tablet, in any revision the server still holds.
    for (const doc of await revisions(server.dbs))
      for (const t of [a, b]) {
        const payload = await t.engine.open(doc).catch(() => undefined);
        expect(payload === undefined || !JSON.stringify(payload).includes('Lovelace'), JSON.stringify(payload)).toBe(
          true,
        );
        if (payload?.kind === 'member-key') expect(payload.id === 'member-1' ? payload.ended : true).toBe(true);
        expect(['member', 'template'].includes(payload?.kind ?? '')).toBe(false);
      }
    const text = await everything(server.dbs);
    for (const secret of ['Ada', 'Lovelace', 'L-31337', 'QUJDREVGR0g', 'member-1', 'template-1', 'sale-1', '1234'])
      expect(text).not.toContain(secret);
    await Promise.all([a.engine.close(), b.engine.close()]);
  });

  it('admits a new shop to the chain with a code for a new shop: members are shared, each shop keeps its own', async () => {
    const server = makeServer();
    const a = await tablet(server, must(await SyncEngine.create(server.platform('A'), connection, 'A')), 'A');
    const docks = { ...connection, shop: 'docks', username: 'shop-docks' };
    // A code for this shop does not make another shop, and a new shop's code does not make one twice.
    const ownCode = must(await a.engine.offerPairing()).code;
    expect(await SyncEngine.join(server.platform('D'), docks, ownCode, 'D')).toEqual({
      ok: false,
      reason: 'wrong-code',
    });
    const { code } = must(await a.engine.offerPairing(true));
    expect(await SyncEngine.join(server.platform('D'), connection, code, 'D')).toEqual({
      ok: false,
      reason: 'shop-exists',
    });
    const joined = must(await SyncEngine.join(server.platform('D'), docks, code, 'D'));
    expect(await SyncEngine.join(server.platform('E'), { ...docks, shop: 'pier' }, code, 'E')).toEqual({
      ok: false,
      reason: 'wrong-code',
    });
    const d = await tablet(server, joined, 'D');
    // The new shop has a shop key of its own: the high street's key is not in its ring.
    const shopKeyOf = (s: SyncSecrets) => (s.keyring as { shop: { id: string } }).shop.id;
    expect(shopKeyOf(joined)).not.toBe(shopKeyOf(a.engine.secrets()));
    expect(a.engine.heldKeyIds()).not.toContain(shopKeyOf(joined));
    expect(d.engine.heldKeyIds()).not.toContain(shopKeyOf(a.engine.secrets()));

    // A member enrolled on the high street reaches the docks; a sale there stays there, and one at the docks too.
    await a.engine.send([member, template, { scope: 'shop', kind: 'sale', id: 'sale-hs', body: { total: 1 } }]);
    const got = await d.pullUntil((all) => all.records.length >= 2);
    expect(got.records.map((r) => r.kind).sort()).toEqual(['member', 'template']);
    await d.engine.send([{ scope: 'shop', kind: 'sale', id: 'sale-docks', body: { total: 2 } }]);
    await a.engine.send([{ ...member, body: { displayName: 'Ada King', loyaltyId: 'L-31337' } }]);
    const later = await d.pullUntil((all) => all.records.some((r) => r.kind === 'member' && r.body !== member.body));
    expect(later.records.map((r) => r.id)).not.toContain('sale-hs');
    // A day of the docks' figures (counts, for the chain's Analytics) opens on the high street: a key every shop of
    // the chain derives, where the docks' shop key would not open there.
    const figures = {
      scope: 'chain',
      kind: CHAIN_FIGURES_KIND,
      id: '1764720000000|Counter|D',
      body: { shop: 'docks', unique: 3 },
    } as const;
    await d.engine.send([figures]);
    const read = await a.pullUntil((all) => all.records.some((r) => r.kind === CHAIN_FIGURES_KIND));
    expect(read.records.filter((r) => r.kind === CHAIN_FIGURES_KIND).map((r) => r.body)).toEqual([figures.body]);
    // On the server, each shop's sale in its own shop's database (its anchor beside it), none in the other's.
    expect([...server.dbs.keys()].sort()).toEqual(['cp-acme', 'cp-acme-docks', 'cp-acme-high-street']);
    const count = async (name: string) => (await server.dbs.get(name)?.info())?.doc_count;
    await vi.waitFor(async () => expect(await count('cp-acme-docks')).toBe(2), { timeout: 10_000 });
    expect(await count('cp-acme-high-street')).toBe(2);
    await Promise.all([a.engine.close(), d.engine.close()]);
  });

  it('gives a tablet that joins after an erasure nothing of the erased member', async () => {
    const server = makeServer();
    const first = must(await SyncEngine.create(server.platform('A'), connection, 'A'));
    const a = await tablet(server, first, 'A');
    const { code } = must(await a.engine.offerPairing());
    const joined = must(await SyncEngine.join(server.platform('B'), connection, code));
    // A day of figures too: counts, which an erasure leaves readable for the chain's Analytics.
    const figures: OutgoingRecord = {
      scope: 'chain',
      kind: CHAIN_FIGURES_KIND,
      id: '1764720000000|Counter|A',
      body: { unique: 3 },
    };
    await a.engine.send([member, template, figures]);
    await a.engine.send([{ scope: 'chain', kind: 'member', id: 'member-1', memberId: 'member-1', ended: true }]);
    // B starts only now, and pulls once everything is in its replica: the member's documents are still there as old
    // revisions, their key only in the tombstoned member-key document's history, under an epoch B never held.
    const b = await SyncEngine.open(server.platform('B'), joined, 'B');
    b.start({ onState: () => undefined, onIncoming: () => undefined });
    const serverChain = server.dbs.get('cp-acme');
    const replicaChain = server.replicas.get('B/cp-acme-replica');
    await vi.waitFor(
      async () => {
        const revs = async (db?: Database<Envelope>) =>
          JSON.stringify((await db?.allDocs())?.rows.map((r) => [r.id, r.value.rev]));
        if ((await revs(serverChain)) !== (await revs(replicaChain))) throw new Error('not yet');
      },
      { timeout: 10_000, interval: 50 },
    );
    const got = await b.pull();
    expect(got.records.filter((r) => r.kind === 'member' || r.kind === 'template')).toEqual([]);
    expect(got.records.filter((r) => r.kind === CHAIN_FIGURES_KIND).map((r) => r.body)).toEqual([figures.body]);
    await Promise.all([a.engine.close(), b.close()]);
  });

  it("seals a day's anonymous records under that day's key: nobody opens them once the day leaves the window", async () => {
    const server = makeServer();
    const first = must(await SyncEngine.create(server.platform('A'), connection, 'A'));
    const a = await SyncEngine.open(server.platform('A'), first, 'A', 7);
    const today = Math.floor(Date.UTC(2026, 11, 3, 9) / 86_400_000);
    const visit = (id: string, day: number): OutgoingRecord => ({
      scope: 'shop',
      kind: 'visit',
      id,
      day,
      body: { ageBand: '25-34', note: `visit ${id}` },
    });
    await a.send([visit('v-today', today), visit('v-long-ago', today - 30)]);
    const shopReplica = server.replicas.get('A/cp-acme-high-street-replica');
    if (!shopReplica) throw new Error('no shop replica');
    const docs = (await shopReplica.allDocs()).rows;
    const opened = await Promise.all(docs.map(async (r) => a.open(await shopReplica.get(r.id))));
    // The one from a day already past the window was not sent at all.
    expect(opened.filter((p) => p?.kind === 'visit').map((p) => p?.id)).toEqual(['v-today']);
    const sealedToday = await Promise.all(docs.map((r) => shopReplica.get(r.id)));
    await a.close();

    // Eight days on, the tablet keeps a week of day keys: today's visit no longer opens.
    server.advance(8 * 86_400_000);
    const later = await SyncEngine.open(server.platform('A'), first, 'A', 7);
    for (const doc of sealedToday) expect((await later.open(doc))?.kind).not.toBe('visit');
    await later.close();
  });

  it("keeps a record whose member's key has not arrived yet, and passes it on once it has", async () => {
    const server = makeServer();
    const first = must(await SyncEngine.create(server.platform('A'), connection, 'A'));
    const a = await tablet(server, first, 'A');
    const { code } = must(await a.engine.offerPairing());
    const joined = must(await SyncEngine.join(server.platform('B'), connection, code));
    const sale: OutgoingRecord = {
      scope: 'shop',
      kind: 'sale',
      id: 'sale-1',
      memberId: 'member-1',
      body: { total: 5 },
    };
    await a.engine.send([member, sale]);
    const onServer = async (name: string) => (await server.dbs.get(name)?.allDocs())?.rows.length ?? 0;
    await vi.waitFor(async () => {
      if ((await onServer('cp-acme')) < 3 || (await onServer('cp-acme-high-street')) < 2) throw new Error('not yet');
    });
    // B replicates by hand: the shop's database first, so the sale arrives before the member's key.
    const b = await SyncEngine.open(server.platform('B'), joined, 'B');
    const replica = (name: string) => server.replicas.get(`B/${name}-replica`) as Database<Envelope>;
    await PouchDB.replicate(
      server.dbs.get('cp-acme-high-street') as Database<Envelope>,
      replica('cp-acme-high-street'),
    );
    expect((await b.pull()).records).toEqual([]);
    // Kept across a restart of the tablet too.
    const saved = b.secrets();
    expect(saved.waiting?.length).toBe(1);
    await b.close();
    const again = await SyncEngine.open(server.platform('B'), saved, 'B');
    await PouchDB.replicate(
      server.dbs.get('cp-acme') as Database<Envelope>,
      server.replicas.get('B/cp-acme-replica') as Database<Envelope>,
    );
    const got = await again.pull();
    expect(got.records.map((r) => r.kind).sort()).toEqual(['member', 'sale']);
    await Promise.all([a.engine.close(), again.close()]);
  });
  it("sends a batch as one record after another: a record and its end, a member's end and what follows it", async () => {
    const server = makeServer();
    const first = must(await SyncEngine.create(server.platform('A'), connection, 'A'));
    const a = await tablet(server, first, 'A');
    const { code } = must(await a.engine.offerPairing());
    const joined = must(await SyncEngine.join(server.platform('B'), connection, code));
    const sale: OutgoingRecord = { scope: 'shop', kind: 'sale', id: 'sale-1', body: { total: 1 } };
    const other: OutgoingRecord = { ...member, id: 'member-2', memberId: 'member-2', body: { displayName: 'Grace' } };
    const otherTemplate: OutgoingRecord = {
      ...template,
      id: 'template-2',
      memberId: 'member-2',
      body: { memberId: 'member-2', vector: 'SElKS0xNTk8=' },
    };
    await a.engine.send([
      member,
      template,
      sale,
      { ...sale, body: { total: 2 } },
      { scope: 'shop', kind: 'sale', id: 'sale-1', ended: true },
      { scope: 'chain', kind: 'member', id: 'member-1', memberId: 'member-1', ended: true },
      other,
      otherTemplate,
    ]);
    // B starts once the server has A's replicas as they are now (no version in between to pull).
    await vi.waitFor(
      async () => {
        for (const name of ['cp-acme', 'cp-acme-high-street']) {
          const revs = async (db?: Database<Envelope>) =>
            JSON.stringify((await db?.allDocs())?.rows.map((r) => [r.id, r.value.rev]));
          if ((await revs(server.dbs.get(name))) !== (await revs(server.replicas.get(`A/${name}-replica`))))
            throw new Error('not yet');
        }
      },
      { timeout: 10_000, interval: 50 },
    );
    const b = await tablet(server, joined, 'B');
    const got = await b.pullUntil((all) => all.records.some((r) => r.id === 'template-2'));
    // The sale's last version (its end), the member enrolled after the erasure, and nothing of the erased one.
    expect(got.records.filter((r) => r.id === 'sale-1')).toEqual([
      { kind: 'sale', id: 'sale-1', ended: true, body: null },
    ]);
    expect(got.records.filter((r) => r.kind === 'member').map((r) => r.body)).toEqual([other.body]);
    expect(got.records.filter((r) => r.kind === 'template').map((r) => r.body)).toEqual([otherTemplate.body]);
    const text = await everything(server.dbs);
    for (const secret of ['Lovelace', 'Grace', 'member-2', 'sale-1', 'SElKS0xNTk8']) expect(text).not.toContain(secret);
    await Promise.all([a.engine.close(), b.engine.close()]);
  });
});
