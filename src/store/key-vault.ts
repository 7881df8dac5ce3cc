// The key vault: the data key, wrapped under each staff user's own passphrase in the database and held in memory
// only while unlocked. It sets the key up, unlocks (counting and slowing down wrong passphrases, across reloads),
// locks, knows who unlocked and their role, manages staff users (each a wrap of the same key, so adding or
// removing one never re-encrypts data), and seals and opens personal data for the repositories. Nothing else
// holds the key.
//
// Staff users replicate between the tablets of a shop (docs/design/sync.md, "Staff and the unlock key"): each user
// also has a key pair, and this tablet's unlock key (unlock-key.ts) is sealed to it, so a user added on another
// tablet unlocks this one with their own passphrase, and one removed there no longer does once this tablet has
// synced.
import {
  type KeyWrap,
  type Sealed,
  createDataKey,
  importLookupKey,
  lookupHash,
  newLookupKeyMaterial,
  open,
  openDataKey,
  openJson,
  seal,
  unwrapDataKey,
  wrapDataKey,
  sealJson,
  PBKDF2_ITERATIONS,
  WrongPassphraseError,
} from './crypto';
import type { Database } from './database';
import { NotSetUpError, NotAllowedError, StoreError, StoreLockedError, TooManyAttemptsError } from './errors';
import type { KeysRecord, LastUserRecord, StaffRow, UnlockFailuresRecord } from './schema';
import {
  type UnlockRecord,
  boxFor,
  dataKeyFromUnlock,
  dataKeyThroughBox,
  newUnlockKey,
  unlockKeyBytes,
} from './unlock-key';
import { type UserKeys, createUserKeys, rewrapUserKeys } from './user-keys';
import { type Actor, type Permission, type Role, type StaffUser, may, removalProblem } from '../core/staff/staff-user';
import { strings } from '../i18n/strings';

/** Wrong passphrases allowed before each further attempt has to wait, doubling each time up to MAX_DELAY_MS. */
export const FREE_ATTEMPTS = 3;
/** The `meta` key of this tablet's unlock key record. */
const UNLOCK = 'unlock';
export const MAX_DELAY_MS = 5 * 60_000;

export function unlockDelayMs(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS));
}

interface Unlocked {
  readonly key: CryptoKey;
  readonly lookup: CryptoKey;
  readonly actor: Actor;
}

export class KeyVault {
  #unlocked: Unlocked | undefined;
  readonly #listeners = new Set<(locked: boolean) => void>();

  constructor(
    private readonly db: Database,
    private readonly iterations = PBKDF2_ITERATIONS,
  ) {
    // A connection that went away cannot be written through any more: drop the key before anyone hears of it.
    db.onClosed(() => this.lock());
  }

  get isUnlocked(): boolean {
    return this.#unlocked !== undefined;
  }

  /** Who unlocked (undefined while locked). */
  get actor(): Actor | undefined {
    return this.#unlocked?.actor;
  }

  onLockChange(listener: (locked: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async isSetUp(): Promise<boolean> {
    return (await this.db.idb.get('meta', 'keys')) !== undefined;
  }

  /** First run: create the data key under the first manager's passphrase, and unlock as them. */
  async setUp(passphrase: string, managerName = ''): Promise<void> {
    if (await this.isSetUp()) throw new StoreError(strings.errors.alreadySetUp);
    if (passphrase.length < 8) throw new StoreError(strings.errors.passphraseTooShort);
    const { key, wrap } = await createDataKey(passphrase, this.iterations);
    const unlock = await newUnlockKey(await unwrapDataKey(passphrase, wrap, true), key);
    const userKeys = await createUserKeys(passphrase, this.iterations);
    const material = newLookupKeyMaterial();
    const keys: KeysRecord = {
      lookupKey: await seal(key, material, 'meta/lookup-key'),
      createdAt: this.db.now(),
    };
    const id = crypto.randomUUID();
    const manager: StaffRow = {
      id,
      role: 'manager',
      wrap,
      keys: userKeys,
      box: await boxFor(userKeys, unlock.raw),
      // No name given: none is stored, and the screens call them "Manager" in the shop's language.
      ...(managerName.trim() ? { sealed: await sealJson(key, { name: managerName.trim() }, `staff/${id}`) } : {}),
      createdAt: this.db.now(),
    };
    await this.db.write(['meta', 'staff', 'audit'], async (tx) => {
      await tx.objectStore('meta').put(keys, 'keys');
      await tx.objectStore('meta').put(unlock.record, UNLOCK);
      await tx.objectStore('meta').put({ id } satisfies LastUserRecord, 'lastUser');
      await tx.objectStore('staff').put(manager);
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'store.created', staff: id });
    });
    this.#setUnlocked({ key, lookup: await importLookupKey(material), actor: { id, role: 'manager' } });
  }

  /**
   * Unlocks with a staff user's passphrase: whoever's it is, they are signed in. Wrong passphrases are counted
   * and slowed down, across reloads.
   */
  async unlock(passphrase: string): Promise<void> {
    const keys = await this.keysRecord();
    const failures = (await this.db.idb.get('meta', 'unlockFailures')) as UnlockFailuresRecord | undefined;
    if (failures) {
      const wait = failures.lastAt + unlockDelayMs(failures.count) - this.db.now();
      if (wait > 0) throw new TooManyAttemptsError(wait);
    }
    const found = await this.#findUser(passphrase);
    if (!found) {
      const record: UnlockFailuresRecord = { count: (failures?.count ?? 0) + 1, lastAt: this.db.now() };
      await this.db.idb.put('meta', record, 'unlockFailures');
      await this.db.write(['audit'], async (tx) => {
        await tx.objectStore('audit').add({ at: this.db.now(), action: 'unlock.failed' });
      });
      throw new WrongPassphraseError();
    }
    if (failures) await this.db.idb.delete('meta', 'unlockFailures');
    await this.db.write(['meta', 'audit'], async (tx) => {
      await tx.objectStore('meta').put({ id: found.row.id } satisfies LastUserRecord, 'lastUser');
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'unlocked', staff: found.row.id });
    });
    const material = await open(found.key, keys.lookupKey, 'meta/lookup-key');
    await this.#giveKeyPair(passphrase, found.row, found.key);
    this.#setUnlocked({
      key: found.key,
      lookup: await importLookupKey(material),
      actor: { id: found.row.id, role: found.row.role },
    });
  }

  lock(): void {
    if (!this.#unlocked) return;
    this.#unlocked = undefined;
    for (const l of this.#listeners) l(true);
  }

  /** Re-wraps the data key under the signed-in user's new passphrase. The data itself is not re-encrypted. */
  async changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
    const actor = this.#requireUnlocked().actor;
    if (newPassphrase.length < 8) throw new StoreError(strings.errors.passphraseTooShort);
    const row = await this.#staffRow(actor.id);
    const dataKey = await this.#extractableKey(oldPassphrase, row);
    if (!dataKey) throw new WrongPassphraseError();
    const iterations = Math.max(this.iterations, row.wrap?.iterations ?? 0, row.keys?.privateWrap.iterations ?? 0);
    // The key pair keeps its public half (the boxes other tablets sealed to it still open); only its wrap changes.
    const keys = row.keys
      ? await rewrapUserKeys(oldPassphrase, newPassphrase, row.keys, iterations)
      : await createUserKeys(newPassphrase, iterations);
    const box = row.keys ? row.box : await boxFor(keys, await this.#unlockKey());
    const wrap = row.wrap ? await wrapDataKey(dataKey, newPassphrase, iterations) : undefined;
    await this.#refuseTaken(newPassphrase, actor.id);
    await this.db.write(['staff', 'audit'], async (tx) => {
      await tx.objectStore('staff').put(staffRow(row, { wrap, keys, box }));
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'passphrase.changed', staff: actor.id });
    });
  }

  // ---- staff users ----

  /** Throws NotAllowedError unless the signed-in user's role allows `permission` (StoreLockedError if locked). */
  assertMay(permission: Permission): Actor {
    const actor = this.#requireUnlocked().actor;
    if (!may(actor.role, permission)) throw new NotAllowedError(strings.errors.managerOnly);
    return actor;
  }

  async listUsers(): Promise<StaffUser[]> {
    const { key } = this.#requireUnlocked();
    const rows = await this.db.idb.getAll('staff');
    const users = await Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        role: row.role,
        name: row.sealed ? (await openJson<{ name: string }>(key, row.sealed, `staff/${row.id}`)).name : '',
        createdAt: row.createdAt,
      })),
    );
    return users.sort((a, b) => a.createdAt - b.createdAt);
  }

  /**
   * The id of a second manager (not the signed-in one) whose passphrase this is, for actions the shop wants two
   * managers to agree on; NotAllowedError otherwise (and the attempt is audited).
   */
  async secondManager(passphrase: string): Promise<string> {
    const actor = this.assertMay('watchlist');
    const rows = (await this.db.idb.getAll('staff')).filter((r) => r.role === 'manager' && r.id !== actor.id);
    const unlock = await this.#unlockRecord();
    for (const row of rows) if (await tryUnwrap(passphrase, row, unlock)) return row.id;
    await this.db.write(['audit'], async (tx) => {
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'second-manager.refused', staff: actor.id });
    });
    throw new NotAllowedError(strings.errors.secondManagerNeeded);
  }

  /**
   * Adds a user (managers only). The manager's own passphrase is asked again: the key in memory cannot be
   * exported, so the new wrap is made from the manager's own.
   */
  async addUser(ownPassphrase: string, user: { name: string; role: Role; passphrase: string }): Promise<string> {
    const actor = this.assertMay('staff-users');
    const name = user.name.trim();
    if (!name) throw new StoreError(strings.errors.staffNameMissing);
    if (user.passphrase.length < 8) throw new StoreError(strings.errors.passphraseTooShort);
    const own = await this.#staffRow(actor.id);
    const dataKey = await this.#extractableKey(ownPassphrase, own);
    if (!dataKey) throw new WrongPassphraseError();
    await this.#refuseTaken(user.passphrase);
    const wrap = await wrapDataKey(dataKey, user.passphrase, this.iterations);
    const keys = await createUserKeys(user.passphrase, this.iterations);
    const id = crypto.randomUUID();
    const row: StaffRow = {
      id,
      role: user.role,
      wrap,
      keys,
      box: await boxFor(keys, await this.#unlockKey()),
      sealed: await this.sealValue({ name }, `staff/${id}`),
      createdAt: this.db.now(),
    };
    await this.db.write(['staff', 'audit'], async (tx) => {
      await tx.objectStore('staff').add(row);
      await tx
        .objectStore('audit')
        .add({ at: this.db.now(), action: `staff.added.${user.role}`, subject: id, staff: actor.id });
    });
    return id;
  }

  /**
   * Removes a user (managers only): their wrap goes, so their passphrase opens nothing any more, and the unlock key
   * is replaced, so a box they may have kept opens nothing either. Other tablets of the shop do the same when the
   * removal reaches them.
   */
  async removeUser(id: string): Promise<void> {
    const actor = this.assertMay('staff-users');
    const rows = await this.db.idb.getAll('staff');
    const problem = removalProblem(rows, id, actor.id);
    if (problem) throw new StoreError(strings.errors.staffRemoval[problem]);
    await this.db.write(['staff', 'audit'], async (tx) => {
      await tx.objectStore('staff').delete(id);
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'staff.removed', subject: id, staff: actor.id });
    });
    await this.#replaceUnlockKey();
  }

  // ---- staff users from other tablets of the shop ----

  /** What of a user travels to the shop's other tablets: never a wrap of this tablet's data key. */
  async replicatedUser(id: string): Promise<ReplicatedUser | undefined> {
    const { key } = this.#requireUnlocked();
    const row = await this.db.idb.get('staff', id);
    // A user without a key pair yet (made before schema 7) travels once their next unlock has made one.
    if (!row?.keys) return undefined;
    const name = row.sealed ? (await openJson<{ name: string }>(key, row.sealed, `staff/${row.id}`)).name : '';
    return { id, role: row.role, name, createdAt: row.createdAt, keys: row.keys };
  }

  /**
   * Users added, changed or removed on other tablets. Each one here gets this tablet's unlock key sealed to their
   * key pair; a user whose passphrase changed elsewhere loses the wrap their old passphrase made here. A removal
   * replaces the unlock key. Not captured: these changes came from the other tablets.
   */
  async applyReplicatedUsers(users: readonly ReplicatedUser[], removed: readonly string[]): Promise<void> {
    if (!users.length && !removed.length) return;
    const raw = await this.#unlockKey();
    const rows: StaffRow[] = [];
    for (const user of users) {
      const existing = await this.db.idb.get('staff', user.id);
      const samePair = existing?.keys && sameKeys(existing.keys, user.keys);
      const box = existing?.box && samePair ? existing.box : await boxFor(user.keys, raw);
      rows.push({
        id: user.id,
        role: user.role,
        // A passphrase changed on another tablet: the old one must not go on opening this tablet.
        ...(existing?.wrap && samePair && sameWrap(existing.keys, user.keys) ? { wrap: existing.wrap } : {}),
        keys: user.keys,
        box,
        ...(user.name ? { sealed: await this.sealValue({ name: user.name }, `staff/${user.id}`) } : {}),
        createdAt: user.createdAt,
      });
    }
    await this.db.write(
      ['staff'],
      async (tx) => {
        for (const row of rows) await tx.objectStore('staff').put(row);
        for (const id of removed) await tx.objectStore('staff').delete(id);
      },
      { replicated: true },
    );
    if (removed.length) await this.#replaceUnlockKey();
  }

  /** Renames a user: managers anyone, staff themselves. */
  async renameUser(id: string, name: string): Promise<void> {
    const actor = this.#requireUnlocked().actor;
    if (id !== actor.id) this.assertMay('staff-users');
    if (!name.trim()) throw new StoreError(strings.errors.staffNameMissing);
    const row = await this.#staffRow(id);
    const sealed = await this.sealValue({ name: name.trim() }, `staff/${id}`);
    await this.db.write(['staff', 'audit'], async (tx) => {
      await tx.objectStore('staff').put({ ...row, sealed });
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'staff.renamed', subject: id, staff: actor.id });
    });
  }

  /** The wrapped key record (for backups). */
  async keysRecord(): Promise<KeysRecord> {
    const keys = (await this.db.idb.get('meta', 'keys')) as KeysRecord | undefined;
    if (!keys) throw new NotSetUpError(strings.errors.notSetUp);
    return keys;
  }

  // ---- for the repositories ----

  /** Throws StoreLockedError while locked (before a repository starts work that needs the key). */
  assertUnlocked(): void {
    this.#requireUnlocked();
  }

  sealValue(value: unknown, context: string): Promise<Sealed> {
    return sealJson(this.#requireUnlocked().key, value, context);
  }

  sealBytes(bytes: Uint8Array, context: string): Promise<Sealed> {
    return seal(this.#requireUnlocked().key, bytes, context);
  }

  openBytes(sealed: Sealed, context: string): Promise<Uint8Array> {
    return open(this.#requireUnlocked().key, sealed, context);
  }

  openValue<T>(sealed: Sealed, context: string): Promise<T> {
    return openJson<T>(this.#requireUnlocked().key, sealed, context);
  }

  /** The lookup hash of a member id, linking visits and watch-list entries to a member. */
  async memberLookup(memberId: string): Promise<string> {
    return lookupHash(this.#requireUnlocked().lookup, `member:${memberId}`);
  }

  /** The lookup hash of a loyalty / customer id, for linking purchases to members. */
  async customerLookup(customerId: string): Promise<string> {
    return lookupHash(this.#requireUnlocked().lookup, customerId);
  }

  async #unlockRecord(): Promise<UnlockRecord | undefined> {
    return (await this.db.idb.get('meta', UNLOCK)) as UnlockRecord | undefined;
  }

  /** This tablet's unlock key (while unlocked; made at setup, or at the first unlock since schema 7). */
  async #unlockKey(): Promise<Uint8Array> {
    const record = await this.#unlockRecord();
    if (!record) throw new StoreError(strings.errors.notSetUp);
    return unlockKeyBytes(record, this.#requireUnlocked().key);
  }

  /** The data key, extractable (to wrap it again), if `passphrase` is this user's. */
  async #extractableKey(passphrase: string, row: StaffRow): Promise<CryptoKey | undefined> {
    return tryUnwrap(passphrase, row, await this.#unlockRecord(), true);
  }

  /**
   * At an unlock, with the passphrase in hand: a tablet set up before schema 7 gets its unlock key, and a user
   * without a key pair gets one (which then replicates). Once per tablet and per user.
   */
  async #giveKeyPair(passphrase: string, row: StaffRow, dataKey: CryptoKey): Promise<void> {
    let record = await this.#unlockRecord();
    if (record && row.keys && row.box) return;
    const extractable = await tryUnwrap(passphrase, row, record, true);
    if (!extractable) return;
    const rows = await this.db.idb.getAll('staff');
    let raw: Uint8Array;
    const reboxed: StaffRow[] = [];
    if (!record) {
      const made = await newUnlockKey(extractable, dataKey);
      record = made.record;
      raw = made.raw;
      for (const r of rows) if (r.keys && r.id !== row.id) reboxed.push({ ...r, box: await boxFor(r.keys, raw) });
    } else {
      raw = await unlockKeyBytes(record, dataKey);
    }
    const keys = row.keys ?? (await createUserKeys(passphrase, Math.max(this.iterations, row.wrap?.iterations ?? 0)));
    const own: StaffRow = { ...row, keys, box: await boxFor(keys, raw) };
    const unlock = record;
    await this.db.write(['meta', 'staff'], async (tx) => {
      await tx.objectStore('meta').put(unlock, UNLOCK);
      for (const r of reboxed) await tx.objectStore('staff').put(r);
      await tx.objectStore('staff').put(own);
    });
  }

  /**
   * A new unlock key, sealed to every remaining user's key pair, with the data key wrapped under it; the old key's
   * boxes open nothing from now on. Local to this tablet (not captured): the boxes never travel.
   */
  async #replaceUnlockKey(): Promise<void> {
    const { key } = this.#requireUnlocked();
    const old = await this.#unlockRecord();
    if (!old) return;
    const extractable = await dataKeyFromUnlock(await unlockKeyBytes(old, key), old, true);
    const { record, raw } = await newUnlockKey(extractable, key);
    const rows = await this.db.idb.getAll('staff');
    const reboxed = await Promise.all(
      rows.map(async (r) => {
        const { box: _box, ...rest } = r;
        return r.keys ? { ...rest, box: await boxFor(r.keys, raw) } : rest;
      }),
    );
    await this.db.write(
      ['meta', 'staff'],
      async (tx) => {
        await tx.objectStore('meta').put(record, UNLOCK);
        for (const r of reboxed) await tx.objectStore('staff').put(r);
      },
      { replicated: true },
    );
  }

  #requireUnlocked(): Unlocked {
    if (!this.#unlocked) throw new StoreLockedError(strings.errors.locked);
    return this.#unlocked;
  }

  #setUnlocked(u: Unlocked): void {
    this.#unlocked = u;
    for (const l of this.#listeners) l(false);
  }

  async #staffRow(id: string): Promise<StaffRow> {
    const row = await this.db.idb.get('staff', id);
    // The user was removed (on this tablet, in another tab, or by a restored backup) while signed in.
    if (!row) throw new NotAllowedError(strings.errors.staffRemoved);
    return row;
  }

  /** The user whose passphrase this is, with the data key it unwraps: the last user first, then the others. */
  async #findUser(passphrase: string): Promise<{ row: StaffRow; key: CryptoKey } | undefined> {
    const rows = await this.db.idb.getAll('staff');
    const unlock = await this.#unlockRecord();
    const last = (await this.db.idb.get('meta', 'lastUser')) as LastUserRecord | undefined;
    const first = rows.find((r) => r.id === last?.id);
    if (first) {
      const key = await tryUnwrap(passphrase, first, unlock);
      if (key) return { row: first, key };
    }
    // Each try is one PBKDF2 derivation; the browser runs them off the main thread, side by side.
    const tries = await Promise.all(
      rows.filter((r) => r !== first).map(async (row) => ({ row, key: await tryUnwrap(passphrase, row, unlock) })),
    );
    const found = tries.find((t) => t.key !== undefined);
    return found?.key ? { row: found.row, key: found.key } : undefined;
  }

  /** Two users with one passphrase could not be told apart at unlock: refuse a passphrase already in use. */
  async #refuseTaken(passphrase: string, exceptId?: string): Promise<void> {
    const rows = (await this.db.idb.getAll('staff')).filter((r) => r.id !== exceptId);
    const unlock = await this.#unlockRecord();
    const keys = await Promise.all(rows.map((r) => tryUnwrap(passphrase, r, unlock)));
    if (keys.some((k) => k !== undefined)) throw new StoreError(strings.errors.passphraseTaken);
  }
}

/** What of a staff user replicates (sealed under the shop key on the way). */
export interface ReplicatedUser {
  readonly id: string;
  readonly role: Role;
  readonly name: string;
  readonly createdAt: number;
  readonly keys: UserKeys;
}

/**
 * The data key, if `passphrase` is this user's: through their wrap, or (a user from another tablet, who has none)
 * through their box. A row's wrap and key pair are always made from the same passphrase (a passphrase changed on
 * another tablet drops the wrap here), so one PBKDF2 derivation decides: a wrong passphrase costs one per user.
 */
async function tryUnwrap(
  passphrase: string,
  row: StaffRow,
  unlock: UnlockRecord | undefined,
  extractable = false,
): Promise<CryptoKey | undefined> {
  if (row.wrap) return openDataKey(passphrase, row.wrap, extractable);
  return row.keys && row.box && unlock
    ? dataKeyThroughBox(passphrase, row.keys, row.box, unlock, extractable)
    : undefined;
}

/** A staff row with these passphrase-dependent fields set (an undefined one left out). */
function staffRow(row: StaffRow, parts: { wrap: KeyWrap | undefined; keys: UserKeys; box: StaffRow['box'] }): StaffRow {
  const { wrap: _w, keys: _k, box: _b, ...rest } = row;
  return {
    ...rest,
    ...(parts.wrap ? { wrap: parts.wrap } : {}),
    keys: parts.keys,
    ...(parts.box ? { box: parts.box } : {}),
  };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function sameKeys(a: UserKeys, b: UserKeys): boolean {
  return a.publicKey.x === b.publicKey.x && a.publicKey.y === b.publicKey.y;
}

/** The private key is wrapped under the same passphrase derivation (the passphrase was not changed since). */
function sameWrap(a: UserKeys, b: UserKeys): boolean {
  return sameBytes(a.privateWrap.salt, b.privateWrap.salt) && sameBytes(a.privateWrap.wrapped, b.privateWrap.wrapped);
}
