// The key vault: the data key, wrapped under each staff user's own passphrase in the database and held in memory
// only while unlocked. It sets the key up, unlocks (counting and slowing down wrong passphrases, across reloads),
// locks, knows who unlocked and their role, manages staff users (each a wrap of the same key, so adding or
// removing one never re-encrypts data), and seals and opens personal data for the repositories. Nothing else
// holds the key.
import {
  type Sealed,
  createDataKey,
  importLookupKey,
  lookupHash,
  newLookupKeyMaterial,
  open,
  openDataKey,
  openJson,
  rewrapDataKey,
  seal,
  sealJson,
  PBKDF2_ITERATIONS,
  WrongPassphraseError,
} from './crypto';
import type { Database } from './database';
import { NotSetUpError, NotAllowedError, StoreError, StoreLockedError, TooManyAttemptsError } from './errors';
import type { KeysRecord, LastUserRecord, StaffRow, UnlockFailuresRecord } from './schema';
import { type Actor, type Permission, type Role, type StaffUser, may, removalProblem } from '../core/staff/staff-user';
import { strings } from '../i18n/strings';

/** Wrong passphrases allowed before each further attempt has to wait, doubling each time up to MAX_DELAY_MS. */
export const FREE_ATTEMPTS = 3;
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
      // No name given: none is stored, and the screens call them "Manager" in the shop's language.
      ...(managerName.trim() ? { sealed: await sealJson(key, { name: managerName.trim() }, `staff/${id}`) } : {}),
      createdAt: this.db.now(),
    };
    await this.db.write(['meta', 'staff', 'audit'], async (tx) => {
      await tx.objectStore('meta').put(keys, 'keys');
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
    const wrap = await rewrapDataKey(
      oldPassphrase,
      newPassphrase,
      row.wrap,
      Math.max(this.iterations, row.wrap.iterations),
    );
    await this.#refuseTaken(newPassphrase, actor.id);
    await this.db.write(['staff', 'audit'], async (tx) => {
      await tx.objectStore('staff').put({ ...row, wrap });
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
    for (const row of rows) if (await tryUnwrap(passphrase, row)) return row.id;
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
    const wrap = await rewrapDataKey(ownPassphrase, user.passphrase, own.wrap, this.iterations);
    await this.#refuseTaken(user.passphrase);
    const id = crypto.randomUUID();
    const row: StaffRow = {
      id,
      role: user.role,
      wrap,
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

  /** Removes a user (managers only): their wrap goes, so their passphrase opens nothing any more. */
  async removeUser(id: string): Promise<void> {
    const actor = this.assertMay('staff-users');
    const rows = await this.db.idb.getAll('staff');
    const problem = removalProblem(rows, id, actor.id);
    if (problem) throw new StoreError(strings.errors.staffRemoval[problem]);
    await this.db.write(['staff', 'audit'], async (tx) => {
      await tx.objectStore('staff').delete(id);
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'staff.removed', subject: id, staff: actor.id });
    });
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
    const last = (await this.db.idb.get('meta', 'lastUser')) as LastUserRecord | undefined;
    const first = rows.find((r) => r.id === last?.id);
    if (first) {
      const key = await tryUnwrap(passphrase, first);
      if (key) return { row: first, key };
    }
    // Each try is one PBKDF2 derivation; the browser runs them off the main thread, side by side.
    const tries = await Promise.all(
      rows.filter((r) => r !== first).map(async (row) => ({ row, key: await tryUnwrap(passphrase, row) })),
    );
    const found = tries.find((t) => t.key !== undefined);
    return found?.key ? { row: found.row, key: found.key } : undefined;
  }

  /** Two users with one passphrase could not be told apart at unlock: refuse a passphrase already in use. */
  async #refuseTaken(passphrase: string, exceptId?: string): Promise<void> {
    const rows = (await this.db.idb.getAll('staff')).filter((r) => r.id !== exceptId);
    const keys = await Promise.all(rows.map((r) => tryUnwrap(passphrase, r)));
    if (keys.some((k) => k !== undefined)) throw new StoreError(strings.errors.passphraseTaken);
  }
}

function tryUnwrap(passphrase: string, row: StaffRow): Promise<CryptoKey | undefined> {
  return openDataKey(passphrase, row.wrap);
}
