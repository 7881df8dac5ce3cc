// The key vault: the data key, wrapped under the staff passphrase in the database and held in memory only while
// unlocked. It sets the key up, unlocks (counting and slowing down wrong passphrases, across reloads), locks,
// and seals and opens personal data for the repositories. Nothing else holds the key.
import {
  type KeyWrap,
  type Sealed,
  createDataKey,
  importLookupKey,
  lookupHash,
  newLookupKeyMaterial,
  open,
  openJson,
  rewrapDataKey,
  seal,
  sealJson,
  unwrapDataKey,
  PBKDF2_ITERATIONS,
  WrongPassphraseError,
} from './crypto';
import type { Database } from './database';
import { NotSetUpError, StoreError, StoreLockedError, TooManyAttemptsError } from './errors';
import type { KeysRecord, UnlockFailuresRecord } from './schema';
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

  onLockChange(listener: (locked: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async isSetUp(): Promise<boolean> {
    return (await this.db.idb.get('meta', 'keys')) !== undefined;
  }

  /** First run: create the data key under the staff passphrase, and unlock. */
  async setUp(passphrase: string): Promise<void> {
    if (await this.isSetUp()) throw new StoreError(strings.errors.alreadySetUp);
    if (passphrase.length < 8) throw new StoreError(strings.errors.passphraseTooShort);
    const { key, wrap } = await createDataKey(passphrase, this.iterations);
    const material = newLookupKeyMaterial();
    const keys: KeysRecord = {
      wrap,
      lookupKey: await seal(key, material, 'meta/lookup-key'),
      createdAt: this.db.now(),
    };
    await this.db.write(['meta', 'audit'], async (tx) => {
      await tx.objectStore('meta').put(keys, 'keys');
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'store.created' });
    });
    this.#setUnlocked({ key, lookup: await importLookupKey(material) });
  }

  /** Unlocks with the staff passphrase. Wrong passphrases are counted and slowed down, across reloads. */
  async unlock(passphrase: string): Promise<void> {
    const keys = await this.keysRecord();
    const failures = (await this.db.idb.get('meta', 'unlockFailures')) as UnlockFailuresRecord | undefined;
    if (failures) {
      const wait = failures.lastAt + unlockDelayMs(failures.count) - this.db.now();
      if (wait > 0) throw new TooManyAttemptsError(wait);
    }
    let key: CryptoKey;
    try {
      key = await unwrapDataKey(passphrase, keys.wrap);
    } catch (err) {
      if (err instanceof WrongPassphraseError) {
        const record: UnlockFailuresRecord = { count: (failures?.count ?? 0) + 1, lastAt: this.db.now() };
        await this.db.idb.put('meta', record, 'unlockFailures');
        await this.db.write(['audit'], async (tx) => {
          await tx.objectStore('audit').add({ at: this.db.now(), action: 'unlock.failed' });
        });
      }
      throw err;
    }
    if (failures) await this.db.idb.delete('meta', 'unlockFailures');
    const material = await open(key, keys.lookupKey, 'meta/lookup-key');
    this.#setUnlocked({ key, lookup: await importLookupKey(material) });
  }

  lock(): void {
    if (!this.#unlocked) return;
    this.#unlocked = undefined;
    for (const l of this.#listeners) l(true);
  }

  /** Re-wraps the data key under a new passphrase. The data itself is not re-encrypted. */
  async changePassphrase(oldPassphrase: string, newPassphrase: string, staff?: string): Promise<void> {
    if (newPassphrase.length < 8) throw new StoreError(strings.errors.passphraseTooShort);
    const keys = await this.keysRecord();
    const wrap: KeyWrap = await rewrapDataKey(
      oldPassphrase,
      newPassphrase,
      keys.wrap,
      Math.max(this.iterations, keys.wrap.iterations),
    );
    await this.db.write(['meta', 'audit'], async (tx) => {
      await tx.objectStore('meta').put({ ...keys, wrap }, 'keys');
      await tx
        .objectStore('audit')
        .add({ at: this.db.now(), action: 'passphrase.changed', ...(staff ? { staff } : {}) });
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
}
