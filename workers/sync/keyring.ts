// The keys a tablet holds for replication (docs/design/sync.md, "Keys"), and nothing it should have forgotten:
// when the epoch moves on the previous epoch key is dropped, when a member is erased their key is dropped, and the
// day chain keeps only its oldest day inside the window. The tablet stores `toJSON()` sealed under its own data
// key; the sync worker looks keys up by id, synchronously, while opening envelopes.
import { type DayKey, dayKey, windowStart } from './crypto/day-keys';
import type { EpochKey } from './crypto/epochs';
import { type RawKey, aesKey, derivedKey, idKey } from './crypto/keys';
import { fromBase64, toBase64 } from '../../src/core/encoding/bytes-text';

export interface KeyringData {
  readonly chain: string;
  readonly ids: RawKey;
  readonly epoch: EpochKey;
  readonly shop: RawKey;
  readonly day: DayKey;
  readonly members: ReadonlyMap<string, RawKey>;
}

/** The HKDF label of the chain's figures key (see Keyring.figures). */
const FIGURES_KEY_LABEL = 'counterpart chain figures key';

type Json<T> = { [K in keyof T]: T[K] extends Uint8Array ? string : T[K] };

export class Keyring {
  #data: KeyringData;
  readonly #aes = new Map<string, CryptoKey>();
  #ids: CryptoKey | undefined;
  #figures: RawKey | undefined;

  /** Member id → key, held apart from `#data` so adding one is not a copy of them all. */
  readonly #members: Map<string, RawKey>;
  /** The window's day keys, derived once each by keepDays. */
  readonly #days = new Map<number, DayKey>();
  /** The day and window keepDays last kept (`${today}|${windowDays}`). */
  #keptFor: string | undefined;

  private constructor(data: KeyringData) {
    this.#data = data;
    this.#members = new Map(data.members);
  }

  static async of(data: KeyringData): Promise<Keyring> {
    const ring = new Keyring(data);
    await ring.#importAll();
    return ring;
  }

  get chain(): string {
    return this.#data.chain;
  }
  get epoch(): EpochKey {
    return this.#data.epoch;
  }
  get shop(): RawKey {
    return this.#data.shop;
  }
  get day(): DayKey {
    return this.#data.day;
  }
  memberKey(memberId: string): RawKey | undefined {
    return this.#members.get(memberId);
  }
  get memberIds(): string[] {
    return [...this.#members.keys()];
  }

  /** The HMAC key for document ids of edited records. */
  get ids(): CryptoKey {
    if (!this.#ids) throw new Error('keyring used before it was loaded');
    return this.#ids;
  }

  /**
   * The key of the shops' figures (each counter's hours and days: counts, no person), which every shop of the chain
   * reads for the chain's Analytics. Derived from the chain's id key, which no erasure or new shop replaces, so it
   * needs no document of its own and holds for tablets set up before it existed.
   */
  get figures(): RawKey {
    if (!this.#figures) throw new Error('keyring used before it was loaded');
    return this.#figures;
  }

  /** The AES key with this id, if this tablet holds it (envelopes name their key by id). */
  lookup = (keyId: string): CryptoKey | undefined => this.#aes.get(keyId);

  /** The sealing key (id and AES key) for a raw key this ring holds. */
  sealing(raw: RawKey): { id: string; key: CryptoKey } {
    const key = this.#aes.get(raw.id);
    if (!key) throw new Error('sealing with a key the ring does not hold');
    return { id: raw.id, key };
  }

  /** Moves to a newer epoch and forgets the previous epoch key. */
  async setEpoch(epoch: EpochKey): Promise<void> {
    if (epoch.n <= this.#data.epoch.n) return;
    this.#aes.delete(this.#data.epoch.id);
    this.#data = { ...this.#data, epoch };
    this.#aes.set(epoch.id, await aesKey(epoch.raw));
  }

  async addMember(memberId: string, key: RawKey): Promise<void> {
    // In place: a copy per member made a chain of 10,000 members cost seconds (measured by npm run bench -- sync).
    this.#members.set(memberId, key);
    this.#aes.set(key.id, await aesKey(key.raw));
  }

  /** Forgets an erased member's key: nothing sealed under it opens here again. */
  forgetMember(memberId: string): void {
    const key = this.#members.get(memberId);
    if (!key) return;
    this.#members.delete(memberId);
    this.#aes.delete(key.id);
  }

  /**
   * Keeps the day keys of the retention window ending `today` (and tomorrow's, for a clock about to turn): the
   * oldest kept moves forward, and the keys of days before it are forgotten.
   */
  async keepDays(today: number, windowDays: number): Promise<void> {
    // Called before every send and pull: the window only moves when the day (or the window) changes.
    const kept = `${today}|${windowDays}`;
    if (this.#keptFor === kept) return;
    const start = await windowStart(this.#data.day, today, windowDays);
    for (let k = this.#data.day; k.day < start.day; k = await dayKey(k, k.day + 1)) this.#aes.delete(k.id);
    for (const day of this.#days.keys()) if (day < start.day) this.#days.delete(day);
    this.#data = { ...this.#data, day: start };
    // Each day's key once, from the day before (not every day again from the window's start).
    for (let k = start; k.day <= today + 1; k = await dayKey(k, k.day + 1)) {
      this.#days.set(k.day, k);
      if (!this.#aes.has(k.id)) this.#aes.set(k.id, await aesKey(k.raw));
    }
    this.#keptFor = kept;
  }

  /** The key that seals what was recorded on `day` (inside the window). */
  async dayKeyFor(day: number): Promise<DayKey> {
    return this.#days.get(day) ?? dayKey(this.#data.day, day);
  }

  /** Every key id this ring can open with (tests check erased and expired keys are not among them). */
  heldKeyIds(): string[] {
    return [...this.#aes.keys()];
  }

  toJSON(): object {
    const raw = (k: RawKey) => ({ id: k.id, raw: toBase64(k.raw) });
    const d = this.#data;
    return {
      chain: d.chain,
      ids: raw(d.ids),
      epoch: { n: d.epoch.n, ...raw(d.epoch) },
      shop: raw(d.shop),
      day: { day: d.day.day, ...raw(d.day) },
      members: [...this.#members].map(([memberId, k]) => ({ memberId, ...raw(k) })),
    };
  }

  /**
   * What the first tablet of a new shop of the chain gets: the chain's keys (document ids, epoch, members), not this
   * shop's own key or day keys.
   */
  chainJSON(): object {
    const { shop: _shop, day: _day, ...chain } = this.toJSON() as Record<string, unknown>;
    return chain;
  }

  /** The keyring of a new shop of the chain: the chain's keys (chainJSON) and the new shop's own. */
  static forNewShop(chainJson: unknown, shop: RawKey, day: DayKey): Promise<Keyring> {
    return Keyring.fromJSON({
      ...(chainJson as object),
      shop: { id: shop.id, raw: toBase64(shop.raw) },
      day: { day: day.day, id: day.id, raw: toBase64(day.raw) },
    });
  }

  static fromJSON(json: unknown): Promise<Keyring> {
    const j = json as {
      chain: string;
      ids: Json<RawKey>;
      epoch: Json<EpochKey>;
      shop: Json<RawKey>;
      day: Json<DayKey>;
      members: (Json<RawKey> & { memberId: string })[];
    };
    const raw = <T extends { raw: string }>(k: T) => ({ ...k, raw: fromBase64(k.raw) });
    return Keyring.of({
      chain: j.chain,
      ids: raw(j.ids),
      epoch: raw(j.epoch),
      shop: raw(j.shop),
      day: raw(j.day),
      members: new Map(j.members.map(({ memberId, ...k }) => [memberId, raw(k)])),
    });
  }

  async #importAll(): Promise<void> {
    const d = this.#data;
    this.#ids = await idKey(d.ids.raw);
    this.#figures = await derivedKey(d.ids.raw, FIGURES_KEY_LABEL);
    this.#aes.set(this.#figures.id, await aesKey(this.#figures.raw));
    for (const k of [d.epoch, d.shop, d.day, ...this.#members.values()]) this.#aes.set(k.id, await aesKey(k.raw));
  }
}
