// One tablet's replication (docs/design/sync.md): the keyring, a replica of the chain's database and one of the
// shop's, live replication of both with the server, and the seal / open of every record on its way. It knows the
// server only through a SyncPlatform, so tests run it on in-memory databases and the worker on IndexedDB and HTTP.
import type { Database } from 'pouchdb-core';
import { parseHlc } from '../../src/core/sync/hlc';
import { newPairingCode, readPairingCode } from '../../src/core/sync/pairing-code';
import {
  CHAIN_FIGURES_KIND,
  PAIRING_TTL_MS,
  type IncomingRecord,
  type OutgoingRecord,
  type PullResult,
  type ReplicationState,
  type SyncConnection,
  type SyncEvents,
  type SyncFailureReason,
  type SyncResult,
  type SyncSecrets,
} from '../../src/shared/sync-api';
import { ChainKeys, MEMBER_KEY_KIND, stamper } from './chain-keys';
import { TabletClock } from './tablet-clock';
import { type Envelope, type Payload, type SealingKey, openEnvelope, sealEnvelope } from './crypto/envelope';
import { firstEpoch } from './crypto/epochs';
import { epochServer } from './epoch-server';
import { newRawKey, recordDocId } from './crypto/keys';
import { Keyring } from './keyring';
import { type PairingLookup, openPairing, sealPairing } from './pairing';
import { type Change, Replica, type Write } from './replica';

/** A server database, as replication and the direct writes (epochs, pairing) see it. */
export type RemoteDb = Database<Envelope>;

/** What a live replication reports (PouchDB's sync events, reduced). */
export interface LiveEvents {
  active(): void;
  paused(error: unknown): void;
  pulled(): void;
  failed(error: unknown): void;
}

export interface SyncPlatform {
  /** The tablet's own replica of a database (IndexedDB in the app). */
  replica(name: string): Database<Envelope>;
  remote(connection: SyncConnection, name: string): RemoteDb;
  /** Whether the server answers for `name` with these credentials (and with how many documents). */
  probe(
    connection: SyncConnection,
    name: string,
  ): Promise<
    | { readonly ok: true; readonly docs: number }
    | { readonly ok: false; readonly reason: SyncFailureReason | 'missing' }
  >;
  /** Live two-way replication; returns what stops it. */
  live(local: Database<Envelope>, remote: RemoteDb, events: LiveEvents): () => void;
  readonly now: () => number;
}

const NAME = /^[a-z][a-z0-9-]{0,40}$/;
export const chainDbName = (c: SyncConnection) => `cp-${c.chain}`;
export const shopDbName = (c: SyncConnection) => `cp-${c.chain}-${c.shop}`;
const DAY_MS = 86_400_000;
/** How long a document whose key has not arrived is tried again: a week, the longest a tablet is expected offline. */
const WAIT_FOR_KEY_MS = 7 * DAY_MS;
/** Day keys kept when the app does not say (the app passes the shop's retention window). */
const DEFAULT_RETENTION_DAYS = 30;
/** Documents of replication itself, not records of the app. */
const INTERNAL_KINDS = new Set([MEMBER_KEY_KIND, 'epoch', 'anchor', 'pairing']);

function validNames(c: SyncConnection): boolean {
  return NAME.test(c.chain) && NAME.test(c.shop);
}

const fail = <T>(reason: SyncFailureReason): SyncResult<T> => ({ ok: false, reason });

export class SyncEngine {
  readonly #chainKeys: ChainKeys;
  readonly #chain: Replica;
  readonly #shop: Replica;
  readonly #remotes: { readonly chain: RemoteDb; readonly shop: RemoteDb };
  #since: { chain: string | number; shop: string | number };
  /** Documents read but not opened (their key had not arrived), to try again at the next pull. */
  readonly #waiting = new Map<string, { scope: 'chain' | 'shop' }>();
  readonly #waitingSince = new Map<string, number>();
  readonly #clock: TabletClock;
  readonly #stamp: () => string;
  #stops: (() => void)[] = [];
  /** Sends and pulls run one at a time: both may write member keys and epochs. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly platform: SyncPlatform,
    private readonly connection: SyncConnection,
    private readonly ring: Keyring,
    private readonly tablet: string,
    since: SyncSecrets['since'],
    private readonly retentionDays: number,
    waiting: SyncSecrets['waiting'],
  ) {
    this.#since = { ...since };
    for (const w of waiting ?? []) {
      this.#waiting.set(w.docId, { scope: w.scope });
      this.#waitingSince.set(w.docId, w.since);
    }
    this.#clock = new TabletClock(tablet, platform.now);
    this.#stamp = this.#clock.stamp;
    this.#chain = new Replica(platform.replica(`${chainDbName(connection)}-replica`), ring.lookup);
    this.#shop = new Replica(platform.replica(`${shopDbName(connection)}-replica`), ring.lookup);
    this.#remotes = {
      chain: platform.remote(connection, chainDbName(connection)),
      shop: platform.remote(connection, shopDbName(connection)),
    };
    this.#chainKeys = new ChainKeys({
      ring,
      replica: this.#chain,
      server: epochServer(this.#remotes.chain),
      stamp: this.#stamp,
    });
  }

  /** The first tablet: a new chain and shop (the chain's database must be empty: a chain is made once). */
  static async create(
    platform: SyncPlatform,
    connection: SyncConnection,
    tablet: string,
  ): Promise<SyncResult<SyncSecrets>> {
    if (!validNames(connection)) return fail('bad-name');
    const chain = await platform.probe(connection, chainDbName(connection));
    if (!chain.ok && chain.reason !== 'missing') return fail(chain.reason);
    if (chain.ok && chain.docs > 0) return fail('chain-exists');
    const today = Math.floor(platform.now() / DAY_MS);
    const ring = await Keyring.of({
      chain: connection.chain,
      ids: await newRawKey(),
      epoch: await firstEpoch(),
      shop: await newRawKey(),
      day: { day: today, ...(await newRawKey()) },
      members: new Map(),
    });
    // An anchor in each database, created only if there is none: the chain's now has a document, so a second
    // "first tablet" is refused (chain-exists) instead of starting a second, unreadable set of keys.
    const anchor = (name: string, key: SealingKey) => writeAnchor(platform, connection, ring, name, key, tablet);
    try {
      if (!(await anchor(chainDbName(connection), ring.sealing(ring.epoch)))) return fail('chain-exists');
      await anchor(shopDbName(connection), ring.sealing(ring.shop));
    } catch (err) {
      // The databases were not there and could not be made with the shop's user: only an administrator makes them.
      const status = (err as { status?: number }).status;
      if (!chain.ok && (status === 401 || status === 403 || status === 404)) return fail('no-database');
      return fail(failureOf(err));
    }
    return { ok: true, value: { connection, keyring: ring.toJSON(), since: { chain: 0, shop: 0 } } };
  }

  /**
   * A further tablet of the shop, with a code a tablet that is already in shows; or the first tablet of a new shop
   * of the chain, with a code for a new shop (the chain's keys only: the new shop makes its own shop key, and its
   * database must hold nothing yet). The code is used up.
   */
  static async join(
    platform: SyncPlatform,
    connection: SyncConnection,
    typedCode: string,
    tablet = 'joining',
  ): Promise<SyncResult<SyncSecrets>> {
    if (!validNames(connection)) return fail('bad-name');
    const code = readPairingCode(typedCode);
    if (!code) return fail('wrong-code');
    const chain = await platform.probe(connection, chainDbName(connection));
    if (!chain.ok) return fail(chain.reason === 'missing' ? 'not-a-chain' : chain.reason);
    const remote = platform.remote(connection, chainDbName(connection));
    const found = await openPairing(code, (id) => remote.get(id).catch(() => undefined));
    if (!found.found) return fail('wrong-code');
    if (found.body.newShop) return SyncEngine.#joinAsNewShop(platform, connection, found, tablet);
    if (found.body.shop !== connection.shop) return fail('wrong-code');
    // Used once: whoever comes next with the same code finds nothing. Removing names the revision read, so of two
    // tablets racing with one code only one succeeds (CouchDB answers the other 409).
    try {
      await remote.remove(found.doc);
    } catch (err) {
      return fail((err as { status?: number }).status === 409 ? 'wrong-code' : failureOf(err));
    }
    if (platform.now() - found.body.createdAt > PAIRING_TTL_MS) return fail('expired-code');
    return { ok: true, value: { connection, keyring: found.body.keyring, since: { chain: 0, shop: 0 } } };
  }

  /** The first tablet of a new shop of the chain (see join). */
  static async #joinAsNewShop(
    platform: SyncPlatform,
    connection: SyncConnection,
    found: PairingLookup & { found: true },
    tablet: string,
  ): Promise<SyncResult<SyncSecrets>> {
    const remote = platform.remote(connection, chainDbName(connection));
    if (platform.now() - found.body.createdAt > PAIRING_TTL_MS) {
      await remote.remove(found.doc).catch(() => undefined);
      return fail('expired-code');
    }
    const shop = await platform.probe(connection, shopDbName(connection));
    if (!shop.ok && shop.reason !== 'missing') return fail(shop.reason);
    if (shop.ok && shop.docs > 0) return fail('shop-exists');
    const today = Math.floor(platform.now() / DAY_MS);
    const ring = await Keyring.forNewShop(found.body.keyring, await newRawKey(), {
      day: today,
      ...(await newRawKey()),
    });
    // The shop's anchor before the code is used: a shop that cannot be made leaves the code for another try.
    try {
      if (!(await writeAnchor(platform, connection, ring, shopDbName(connection), ring.sealing(ring.shop), tablet)))
        return fail('shop-exists');
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (!shop.ok && (status === 401 || status === 403 || status === 404)) return fail('no-database');
      return fail(failureOf(err));
    }
    try {
      await remote.remove(found.doc);
    } catch (err) {
      return fail((err as { status?: number }).status === 409 ? 'wrong-code' : failureOf(err));
    }
    return { ok: true, value: { connection, keyring: ring.toJSON(), since: { chain: 0, shop: 0 } } };
  }

  /**
   * `retentionDays`: how many days of day keys this tablet keeps (the shop's retention window): what was sealed
   * under an older day's key opens nowhere once every tablet has moved past it.
   */
  static async open(
    platform: SyncPlatform,
    secrets: SyncSecrets,
    tablet: string,
    retentionDays = DEFAULT_RETENTION_DAYS,
  ): Promise<SyncEngine> {
    const ring = await Keyring.fromJSON(secrets.keyring);
    const engine = new SyncEngine(
      platform,
      secrets.connection,
      ring,
      tablet,
      secrets.since,
      retentionDays,
      secrets.waiting,
    );
    await engine.#keepDays();
    return engine;
  }

  async #keepDays(): Promise<void> {
    await this.ring.keepDays(Math.floor(this.platform.now() / DAY_MS), this.retentionDays);
  }

  /** Live replication of both databases; the state is the worse of the two. */
  start(events: SyncEvents): void {
    const states = new Map<string, ReplicationState>();
    let offlineSince: number | undefined;
    const report = () => {
      const all = [...states.values()];
      const error = all.find((s) => s.state === 'error');
      const offline = all.find((s) => s.state === 'offline');
      events.onState(
        error ?? offline ?? (all.some((s) => s.state === 'sending') ? { state: 'sending' } : { state: 'up-to-date' }),
      );
    };
    for (const [name, replica, remote] of [
      ['chain', this.#chain, this.#remotes.chain],
      ['shop', this.#shop, this.#remotes.shop],
    ] as const) {
      states.set(name, { state: 'sending' });
      this.#stops.push(
        this.platform.live(replica.db, remote, {
          active: () => {
            states.set(name, { state: 'sending' });
            report();
          },
          paused: (error) => {
            if (error) {
              offlineSince ??= this.platform.now();
              states.set(name, { state: 'offline', since: offlineSince });
            } else {
              if ([...states.values()].every((s) => s.state !== 'offline' || s === states.get(name)))
                offlineSince = undefined;
              states.set(name, { state: 'up-to-date' });
            }
            report();
          },
          pulled: () => events.onIncoming(),
          failed: (error) => {
            states.set(name, { state: 'error', reason: describe(error) });
            report();
          },
        }),
      );
    }
    report();
  }

  /** Writes a pairing document on the server for a new code. */
  /**
   * A pairing code, its document written on the server: for another tablet of this shop (every key this tablet
   * holds), or (`newShop`) for the first tablet of a new shop of the chain (the chain's keys, not this shop's).
   */
  offerPairing(newShop = false): Promise<SyncResult<{ code: string; expiresAt: number }>> {
    return this.#serial(async () => {
      const code = newPairingCode((b) => crypto.getRandomValues(b));
      const createdAt = this.platform.now();
      const body = newShop
        ? { keyring: this.ring.chainJSON(), shop: this.connection.shop, newShop: true, createdAt }
        : { keyring: this.ring.toJSON(), shop: this.connection.shop, createdAt };
      const doc = await sealPairing(code, body, this.#stamp());
      try {
        await this.#remotes.chain.put(doc);
      } catch (err) {
        return fail(failureOf(err));
      }
      return { ok: true, value: { code, expiresAt: createdAt + PAIRING_TTL_MS } };
    });
  }

  /**
   * Seals and writes records in batches: the document ids and seals computed concurrently, each replica's current
   * revisions read at once and its envelopes written at once. The end of a member (an erasure: a new epoch, and
   * the member's key gone) divides the batch: what comes before it is written first, what comes after is sealed
   * with the keys as the erasure left them, as when records were written one at a time.
   */
  send(records: readonly OutgoingRecord[]): Promise<void> {
    return this.#serial(async () => {
      await this.#keepDays();
      const docIds = await Promise.all(records.map((r) => recordDocId(this.ring.ids, r.kind, r.id)));
      let start = 0;
      for (let i = 0; i <= records.length; i++) {
        const r = records[i];
        if (r && !(r.kind === 'member' && r.ended)) continue;
        await this.#write(records.slice(start, i), docIds.slice(start, i));
        if (r) await this.#chainKeys.erase(r.id, [docIds[i] as string]);
        start = i + 1;
      }
    });
  }

  /** Records none of which ends a member, with their document ids. */
  async #write(records: readonly OutgoingRecord[], docIds: readonly string[]): Promise<void> {
    if (!records.length) return;
    // A new member's key first (a document of its own in the chain's database), once per member.
    const members = new Set(records.flatMap((r) => (r.memberId && !r.ended ? [r.memberId] : [])));
    await Promise.all([...members].map((id) => this.#chainKeys.memberKey(id)));
    const sealings = await Promise.all(records.map((r) => this.#sealing(r)));
    const writes = { chain: [] as Write[], shop: [] as Write[] };
    records.forEach((r, i) => {
      const sealing = sealings[i];
      // Past the retention window: its day's key is gone, and so is the record's reason to travel.
      if (!sealing) return;
      const payload: Payload = {
        kind: r.kind,
        id: r.id,
        hlc: this.#stamp(),
        ...(r.ended ? { ended: true } : {}),
        body: r.ended ? null : (r.body ?? null),
      };
      writes[r.scope].push({ docId: docIds[i] as string, payload, sealing });
    });
    await Promise.all([this.#chain.writeAll(writes.chain), this.#shop.writeAll(writes.shop)]);
  }

  /**
   * A member's records under the member's key; a record of a day (anonymous visitors) under that day's key, or
   * nothing once the day is past the window; a counter's figures for the chain under the chain's figures key; the
   * end of a member's record whose key is gone, and the rest, under the scope's.
   */
  async #sealing(r: OutgoingRecord): Promise<SealingKey | undefined> {
    if (r.kind === CHAIN_FIGURES_KIND) return this.ring.sealing(this.ring.figures);
    if (r.memberId && !r.ended) return this.#chainKeys.memberKey(r.memberId);
    if (!r.memberId && r.day !== undefined) {
      if (r.day < this.ring.day.day) return undefined;
      return this.ring.sealing(await this.ring.dayKeyFor(r.day));
    }
    const held = r.memberId ? this.ring.memberKey(r.memberId) : undefined;
    if (held) return this.ring.sealing(held);
    return this.ring.sealing(r.scope === 'chain' ? this.ring.epoch : this.ring.shop);
  }

  pull(): Promise<PullResult> {
    return this.#serial(async () => {
      await this.#keepDays();
      const chain = await this.#chainKeys.follow(this.#since.chain);
      const shop = await this.#shop.changesSince(this.#since.shop);
      // Documents not opened by an earlier pull, first: their keys may have arrived since.
      const waiting = [...this.#waiting].map(([docId, w]) => ({
        docId,
        scope: w.scope,
        payload: undefined,
        deleted: false,
      }));
      this.#waiting.clear();
      const records = [
        ...(await this.#incoming('chain', [...waiting.filter((w) => w.scope === 'chain'), ...chain.changes])),
        ...(await this.#incoming('shop', [...waiting.filter((w) => w.scope === 'shop'), ...shop.changes])),
      ];
      this.#since = { chain: chain.last, shop: shop.last };
      return { records, erased: chain.erased };
    });
  }

  async #incoming(scope: 'chain' | 'shop', changes: readonly Change[]): Promise<IncomingRecord[]> {
    const replica = scope === 'chain' ? this.#chain : this.#shop;
    const out: IncomingRecord[] = [];
    const now = this.platform.now();
    // Sealed under a member key that arrived later in the same batch: opened again now (concurrently), from the
    // document as the feed brought it when it did.
    const reopened = await Promise.all(
      changes.map((c) =>
        c.deleted || c.payload
          ? Promise.resolve(undefined)
          : (c.envelope ? openEnvelope(c.envelope, this.ring.lookup) : replica.read(c.docId)).catch(() => undefined),
      ),
    );
    for (const [i, c] of changes.entries()) {
      if (c.deleted) continue;
      const payload = c.payload ?? reopened[i];
      if (!payload) {
        // Its key is not here yet (a member's key comes through the chain's database, which may lag the shop's),
        // or never will be (an erased member's, another shop's, a day past the window): tried again at each pull,
        // for a while.
        const since = this.#waitingSince.get(c.docId) ?? now;
        if (now - since < WAIT_FOR_KEY_MS && (await replica.sealedWith(c.docId))) {
          this.#waiting.set(c.docId, { scope });
          this.#waitingSince.set(c.docId, since);
        } else this.#waitingSince.delete(c.docId);
        continue;
      }
      this.#waitingSince.delete(c.docId);
      if (INTERNAL_KINDS.has(payload.kind)) continue;
      if (parseHlc(payload.hlc).tablet === this.tablet) continue;
      this.#clock.receive(payload.hlc);
      // Opened before this pull read the erasure that destroyed its key (one batch can hold both): not passed on.
      const keyId = (c.payload && c.keyId) || c.envelope?.key || (await replica.sealedWith(c.docId));
      if (!keyId || !this.ring.lookup(keyId)) continue;
      out.push({ kind: payload.kind, id: payload.id, ended: payload.ended === true, body: payload.body });
    }
    return out;
  }

  secrets(): SyncSecrets {
    return {
      connection: this.connection,
      keyring: this.ring.toJSON(),
      since: { ...this.#since },
      waiting: [...this.#waiting].map(([docId, w]) => ({
        docId,
        scope: w.scope,
        since: this.#waitingSince.get(docId) ?? 0,
      })),
    };
  }

  /**
   * What this tablet can read of a document as the server holds it (any revision): its record, or undefined. Tests
   * use it to show that after an erasure no tablet can open anything of the member, old revisions included.
   */
  async open(doc: unknown): Promise<Payload | undefined> {
    return openEnvelope(doc, this.ring.lookup);
  }

  /** The ids of the keys this tablet can open with (tests: erased members' keys are not among them). */
  heldKeyIds(): string[] {
    return this.ring.heldKeyIds();
  }

  async close(): Promise<void> {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    await this.#queue.catch(() => undefined);
    await Promise.all([this.#chain.db.close(), this.#shop.db.close()]);
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** A failed request to the server, as a reason staff can act on. */
/** Writes a database's sealed anchor unless it has one; whether this call wrote it. */
async function writeAnchor(
  platform: SyncPlatform,
  connection: SyncConnection,
  ring: Keyring,
  name: string,
  key: SealingKey,
  tablet: string,
): Promise<boolean> {
  const id = await recordDocId(ring.ids, 'anchor', name);
  const doc = await sealEnvelope(
    id,
    { kind: 'anchor', id: name, hlc: stamper(tablet, platform.now)(), body: null },
    key,
  );
  return epochServer(platform.remote(connection, name)).create(doc);
}

export function failureOf(err: unknown): SyncFailureReason {
  const status = (err as { status?: number }).status;
  if (status === 401 || status === 403) return 'credentials';
  return 'unreachable';
}

function describe(error: unknown): string {
  const e = error as { status?: number; message?: string; reason?: string };
  if (e.status === 401 || e.status === 403) return 'credentials';
  return e.reason ?? e.message ?? String(error);
}
