// The store: the only code that touches IndexedDB. It opens and migrates the database, holds the data key while
// unlocked, and encrypts personal data on the way in and decrypts it on the way out. Every multi-record change
// happens in one transaction, with encryption done before the transaction starts (an IndexedDB transaction
// commits as soon as it is left idle across an await on other work), so a failure leaves the store as it was.
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { openDatabase } from './open-database';
import type { EnrolmentSource, FaceTemplate, Member, MemberProfile } from '../core/members/member';
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
import {
  NotSetUpError,
  StoreBlockedError,
  StoreError,
  StoreFullError,
  StoreLockedError,
  StoreUnavailableError,
  TooManyAttemptsError,
  isQuotaError,
} from './errors';
import {
  type AuditRow,
  type CounterpartDB,
  DB_NAME,
  type InstallRecord,
  type KeysRecord,
  SCHEMA_VERSION,
  type StoreName,
  type UnlockFailuresRecord,
  upgrade,
  linkedPurchase,
} from './schema';

export interface OpenOptions {
  readonly name?: string;
  /** For tests and workers: an IDBFactory other than the global one. */
  readonly indexedDB?: IDBFactory;
  /** PBKDF2 iterations for new keys (tests lower it; the app uses the default). */
  readonly iterations?: number;
  readonly now?: () => number;
}

/** Wrong passphrases allowed before each further attempt has to wait, doubling each time up to MAX_DELAY_MS. */
export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 5 * 60_000;

export function unlockDelayMs(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS));
}

export interface NewTemplate {
  readonly modelId: string;
  readonly vector: Float32Array;
}

interface Unlocked {
  readonly key: CryptoKey;
  readonly lookup: CryptoKey;
}

const memberContext = (id: string) => `members/${id}`;
const templateContext = (id: string) => `templates/${id}`;

/** Why the database connection went away under a running app (see Store.onClosed). */
export type StoreClosedReason = 'upgraded-elsewhere' | 'removed';

export class Store {
  #unlocked: Unlocked | undefined;
  readonly #listeners = new Set<(locked: boolean) => void>();
  readonly #closedListeners = new Set<(reason: StoreClosedReason) => void>();
  #closed: StoreClosedReason | undefined;

  private constructor(
    readonly db: IDBPDatabase<CounterpartDB>,
    private readonly iterations: number,
    readonly now: () => number,
  ) {}

  static async open(options: OpenOptions = {}): Promise<Store> {
    const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) {
      throw new StoreUnavailableError(
        'This browser does not allow the app to store data (private browsing, or storage turned off). Open Counterpart in a normal window.',
      );
    }
    let db: IDBPDatabase<CounterpartDB>;
    // Set once the store exists; the connection's callbacks below can only fire after that.
    const opened: { store?: Store } = {};
    try {
      db = await new Promise<IDBPDatabase<CounterpartDB>>((resolve, reject) => {
        openDatabase(factory, options.name ?? DB_NAME, SCHEMA_VERSION, {
          upgrade,
          // The open waits for another tab to let go; tell the user now instead of hanging.
          blocked: () =>
            reject(
              new StoreBlockedError(
                'Counterpart is open in another tab with an older version. Close the other tab, then try again.',
              ),
            ),
          // A newer version of the app wants to upgrade in another tab: step aside rather than block it.
          blocking: (conn) => {
            conn.close();
            if (opened.store) opened.store.#closedBy('upgraded-elsewhere');
          },
          terminated: () => {
            if (opened.store) opened.store.#closedBy('removed');
          },
        }).then(resolve, reject);
      });
    } catch (err) {
      if (err instanceof StoreBlockedError) throw err;
      if (err instanceof DOMException && err.name === 'VersionError') {
        throw new StoreError('The stored data was written by a newer version of Counterpart. Update the app.', {
          cause: err,
        });
      }
      throw new StoreUnavailableError(`The app's storage could not be opened: ${String(err)}`, { cause: err });
    }
    const store = new Store(db, options.iterations ?? PBKDF2_ITERATIONS, options.now ?? Date.now);
    opened.store = store;
    await store.#ensureInstall();
    return store;
  }

  /**
   * Called once if the connection goes away under the app: 'upgraded-elsewhere' when a newer version of the app
   * opened in another tab (this tab must reload), 'removed' when the browser closed it (site data cleared or
   * evicted). The key is dropped first, so nothing can be read or written through this store any more.
   */
  onClosed(listener: (reason: StoreClosedReason) => void): () => void {
    this.#closedListeners.add(listener);
    return () => this.#closedListeners.delete(listener);
  }

  #closedBy(reason: StoreClosedReason): void {
    if (this.#closed) return;
    this.#closed = reason;
    this.lock();
    for (const l of this.#closedListeners) l(reason);
  }

  close(): void {
    this.lock();
    this.db.close();
  }

  // ---- keys and locking ----

  get isUnlocked(): boolean {
    return this.#unlocked !== undefined;
  }

  onLockChange(listener: (locked: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async isSetUp(): Promise<boolean> {
    return (await this.db.get('meta', 'keys')) !== undefined;
  }

  async installId(): Promise<string> {
    return ((await this.db.get('meta', 'install')) as InstallRecord).id;
  }

  /** First run: create the data key under the staff passphrase, and unlock. */
  async setUp(passphrase: string): Promise<void> {
    if (await this.isSetUp()) throw new StoreError('Counterpart is already set up on this device.');
    if (passphrase.length < 8) throw new StoreError('Choose a passphrase of at least 8 characters.');
    const { key, wrap } = await createDataKey(passphrase, this.iterations);
    const material = newLookupKeyMaterial();
    const keys: KeysRecord = { wrap, lookupKey: await seal(key, material, 'meta/lookup-key'), createdAt: this.now() };
    await this.write(['meta', 'audit'], async (tx) => {
      await tx.objectStore('meta').put(keys, 'keys');
      await tx.objectStore('audit').add({ at: this.now(), action: 'store.created' });
    });
    this.#setUnlocked({ key, lookup: await importLookupKey(material) });
  }

  /** Unlocks with the staff passphrase. Wrong passphrases are counted and slowed down, across reloads. */
  async unlock(passphrase: string): Promise<void> {
    const keys = await this.#keys();
    const failures = (await this.db.get('meta', 'unlockFailures')) as UnlockFailuresRecord | undefined;
    if (failures) {
      const wait = failures.lastAt + unlockDelayMs(failures.count) - this.now();
      if (wait > 0) throw new TooManyAttemptsError(wait);
    }
    let key: CryptoKey;
    try {
      key = await unwrapDataKey(passphrase, keys.wrap);
    } catch (err) {
      if (err instanceof WrongPassphraseError) {
        const record: UnlockFailuresRecord = { count: (failures?.count ?? 0) + 1, lastAt: this.now() };
        await this.db.put('meta', record, 'unlockFailures');
        await this.audit('unlock.failed');
      }
      throw err;
    }
    if (failures) await this.db.delete('meta', 'unlockFailures');
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
    if (newPassphrase.length < 8) throw new StoreError('Choose a passphrase of at least 8 characters.');
    const keys = await this.#keys();
    const wrap: KeyWrap = await rewrapDataKey(
      oldPassphrase,
      newPassphrase,
      keys.wrap,
      Math.max(this.iterations, keys.wrap.iterations),
    );
    await this.write(['meta', 'audit'], async (tx) => {
      await tx.objectStore('meta').put({ ...keys, wrap }, 'keys');
      await tx.objectStore('audit').add({ at: this.now(), action: 'passphrase.changed', ...(staff ? { staff } : {}) });
    });
  }

  // ---- members and templates ----

  /**
   * Adds a member with their templates in one transaction: all of it is stored, or none. `enrolledFrom` says how
   * the templates were made (the app always says; 'unrecorded' only for callers that do not know).
   */
  async addMember(
    profile: MemberProfile,
    templates: readonly NewTemplate[],
    enrolledFrom: EnrolmentSource = 'unrecorded',
  ): Promise<Member> {
    const u = this.#requireUnlocked();
    if (!profile.consent.agreedAt || !profile.consent.scopes.length)
      throw new StoreError('A member needs a recorded consent.');
    if (!profile.displayName.trim()) throw new StoreError('A member needs a name.');
    const member: Member = { ...profile, id: crypto.randomUUID(), createdAt: this.now(), enrolledFrom };
    const row = {
      id: member.id,
      createdAt: member.createdAt,
      enrolledFrom,
      ...(profile.loyaltyId ? { loyaltyLookup: await lookupHash(u.lookup, profile.loyaltyId) } : {}),
      sealed: await sealJson(u.key, profile, memberContext(member.id)),
    };
    const templateRows = await Promise.all(templates.map((t) => this.#templateRow(u.key, member.id, t)));
    await this.write(['members', 'templates', 'audit'], async (tx) => {
      if (row.loyaltyLookup && (await tx.objectStore('members').index('byLoyalty').count(row.loyaltyLookup))) {
        throw new StoreError('Another member already has this loyalty id.');
      }
      await tx.objectStore('members').add(row);
      for (const t of templateRows) await tx.objectStore('templates').add(t);
      await tx
        .objectStore('audit')
        .add({ at: this.now(), action: 'member.enrolled', subject: member.id, staff: profile.consent.staff });
    });
    return member;
  }

  async addTemplates(memberId: string, templates: readonly NewTemplate[]): Promise<void> {
    const u = this.#requireUnlocked();
    const rows = await Promise.all(templates.map((t) => this.#templateRow(u.key, memberId, t)));
    await this.write(['members', 'templates'], async (tx) => {
      if (!(await tx.objectStore('members').get(memberId))) throw new StoreError('That member no longer exists.');
      for (const r of rows) await tx.objectStore('templates').add(r);
    });
  }

  async #templateRow(key: CryptoKey, memberId: string, t: NewTemplate) {
    const id = crypto.randomUUID();
    const bytes = new Uint8Array(t.vector.buffer.slice(t.vector.byteOffset, t.vector.byteOffset + t.vector.byteLength));
    return {
      id,
      memberId,
      modelId: t.modelId,
      dim: t.vector.length,
      createdAt: this.now(),
      sealed: await seal(key, bytes, templateContext(id)),
    };
  }

  async getMember(id: string): Promise<Member | undefined> {
    const u = this.#requireUnlocked();
    const row = await this.db.get('members', id);
    if (!row) return undefined;
    const profile = await openJson<MemberProfile>(u.key, row.sealed, memberContext(row.id));
    // `??`: rows restored from a backup made before schema 5 lack the field.
    return { ...profile, id: row.id, createdAt: row.createdAt, enrolledFrom: row.enrolledFrom ?? 'unrecorded' };
  }

  async listMembers(): Promise<Member[]> {
    const u = this.#requireUnlocked();
    const rows = await this.db.getAll('members');
    return Promise.all(
      rows.map(async (row) => ({
        ...(await openJson<MemberProfile>(u.key, row.sealed, memberContext(row.id))),
        id: row.id,
        createdAt: row.createdAt,
        enrolledFrom: row.enrolledFrom ?? 'unrecorded',
      })),
    );
  }

  async findMemberByLoyaltyId(loyaltyId: string): Promise<Member | undefined> {
    const u = this.#requireUnlocked();
    const row = await this.db.getFromIndex('members', 'byLoyalty', await lookupHash(u.lookup, loyaltyId));
    return row ? this.getMember(row.id) : undefined;
  }

  /** The lookup hash of a member id, linking visits and watch-list entries to a member. */
  async memberLookup(memberId: string): Promise<string> {
    return lookupHash(this.#requireUnlocked().lookup, `member:${memberId}`);
  }

  /** The lookup hash of a loyalty / customer id, for linking purchases to members. */
  async customerLookup(customerId: string): Promise<string> {
    return lookupHash(this.#requireUnlocked().lookup, customerId);
  }

  /** All templates (decrypted), optionally only those of one embedding model. */
  async listTemplates(modelId?: string): Promise<FaceTemplate[]> {
    const u = this.#requireUnlocked();
    const rows = modelId
      ? await this.db.getAllFromIndex('templates', 'byModel', modelId)
      : await this.db.getAll('templates');
    return Promise.all(
      rows.map(async (r) => {
        const bytes = await open(u.key, r.sealed, templateContext(r.id));
        return {
          id: r.id,
          memberId: r.memberId,
          modelId: r.modelId,
          createdAt: r.createdAt,
          vector: new Float32Array(bytes.buffer, bytes.byteOffset, r.dim),
        };
      }),
    );
  }

  /** Members whose templates were made by another model than `modelId`: they need re-enrolment. */
  async membersNeedingReenrolment(modelId: string): Promise<string[]> {
    const rows = await this.db.getAll('templates');
    const current = new Set(rows.filter((r) => r.modelId === modelId).map((r) => r.memberId));
    return [...new Set(rows.filter((r) => r.modelId !== modelId && !current.has(r.memberId)).map((r) => r.memberId))];
  }

  async updateMemberProfile(
    id: string,
    change: Partial<Pick<MemberProfile, 'displayName' | 'loyaltyId'>>,
  ): Promise<Member> {
    const u = this.#requireUnlocked();
    const current = await this.getMember(id);
    if (!current) throw new StoreError('That member no longer exists.');
    const profile: MemberProfile = {
      displayName: change.displayName ?? current.displayName,
      consent: current.consent,
      ...((change.loyaltyId ?? current.loyaltyId) ? { loyaltyId: change.loyaltyId ?? current.loyaltyId } : {}),
    };
    const row = {
      id,
      createdAt: current.createdAt,
      enrolledFrom: current.enrolledFrom,
      ...(profile.loyaltyId ? { loyaltyLookup: await lookupHash(u.lookup, profile.loyaltyId) } : {}),
      sealed: await sealJson(u.key, profile, memberContext(id)),
    };
    await this.write(['members'], async (tx) => {
      await tx.objectStore('members').put(row);
    });
    return { ...profile, id, createdAt: current.createdAt, enrolledFrom: current.enrolledFrom };
  }

  /**
   * Erases a member: their row, templates, visits and watch-list entries go, and their purchases are unlinked
   * (the shop keeps its sales figures, but nothing ties them to the person any more). The audit log records
   * that an erasure happened and who did it, with no personal data; earlier entries lose the member id.
   */
  async eraseMember(id: string, staff: string): Promise<void> {
    const memberLookup = await this.memberLookup(id);
    await this.write(['members', 'templates', 'visits', 'watchlist', 'purchases', 'audit'], async (tx) => {
      const row = await tx.objectStore('members').get(id);
      if (!row) throw new StoreError('That member no longer exists.');
      await tx.objectStore('members').delete(id);
      for (const key of await tx.objectStore('templates').index('byMember').getAllKeys(id))
        await tx.objectStore('templates').delete(key);
      for (const key of await tx.objectStore('visits').index('byMember').getAllKeys(memberLookup))
        await tx.objectStore('visits').delete(key);
      for (const key of await tx.objectStore('watchlist').index('byMember').getAllKeys(memberLookup))
        await tx.objectStore('watchlist').delete(key);
      if (row.loyaltyLookup) {
        const purchases = tx.objectStore('purchases');
        for (const p of await purchases.index('byCustomer').getAll(row.loyaltyLookup)) {
          const { customerLookup: _unlinked, ...rest } = p;
          await purchases.put(linkedPurchase(rest));
        }
      }
      // Earlier audit entries keep what happened and when, but no longer say to whom.
      let cursor = await tx.objectStore('audit').openCursor();
      while (cursor) {
        if (cursor.value.subject === id) {
          const { subject: _removed, ...rest } = cursor.value;
          await cursor.update(rest);
        }
        cursor = await cursor.continue();
      }
      await tx.objectStore('audit').add({ at: this.now(), action: 'member.erased', staff });
    });
  }

  // ---- audit ----

  async audit(action: string, subject?: string, staff?: string): Promise<void> {
    const row: AuditRow = { at: this.now(), action, ...(subject ? { subject } : {}), ...(staff ? { staff } : {}) };
    await this.write(['audit'], async (tx) => {
      await tx.objectStore('audit').add(row);
    });
  }

  async auditLog(): Promise<AuditRow[]> {
    return this.db.getAll('audit');
  }

  // ---- settings (not personal, stored in clear) ----

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('settings', key)) as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.write(['settings'], async (tx) => {
      await tx.objectStore('settings').put(value, key);
    });
  }

  // ---- sealing helpers for the other repositories in this folder ----

  /** @internal Used by sibling store modules to encrypt personal fields. */
  sealValue(value: unknown, context: string): Promise<Sealed> {
    return sealJson(this.#requireUnlocked().key, value, context);
  }

  /** @internal */
  sealBytes(bytes: Uint8Array, context: string): Promise<Sealed> {
    return seal(this.#requireUnlocked().key, bytes, context);
  }

  /** @internal */
  openBytes(sealed: Sealed, context: string): Promise<Uint8Array> {
    return open(this.#requireUnlocked().key, sealed, context);
  }

  /** @internal */
  openValue<T>(sealed: Sealed, context: string): Promise<T> {
    return openJson<T>(this.#requireUnlocked().key, sealed, context);
  }

  /** @internal The wrapped key record, for backups. */
  async keysRecord(): Promise<KeysRecord> {
    return this.#keys();
  }

  /**
   * Runs `work` in one readwrite transaction over `stores`. Any failure (including a full disk) aborts the
   * transaction, so nothing of it is kept; a quota failure is reported as StoreFullError.
   */
  async write<const S extends StoreName[]>(
    stores: S,
    work: (tx: IDBPTransaction<CounterpartDB, S, 'readwrite'>) => Promise<void>,
  ): Promise<void> {
    const tx = this.db.transaction(stores, 'readwrite');
    try {
      await work(tx);
      await tx.done;
    } catch (err) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
      await tx.done.catch(() => undefined);
      if (isQuotaError(err) || (err instanceof DOMException && isQuotaError(tx.error))) {
        throw new StoreFullError(
          'The device is out of storage space. Nothing was saved. Free some space, then try again.',
          { cause: err },
        );
      }
      throw err;
    }
  }

  #requireUnlocked(): Unlocked {
    if (!this.#unlocked) throw new StoreLockedError('Counterpart is locked. Enter the staff passphrase.');
    return this.#unlocked;
  }

  #setUnlocked(u: Unlocked): void {
    this.#unlocked = u;
    for (const l of this.#listeners) l(false);
  }

  async #keys(): Promise<KeysRecord> {
    const keys = (await this.db.get('meta', 'keys')) as KeysRecord | undefined;
    if (!keys) throw new NotSetUpError('Counterpart has not been set up on this device yet.');
    return keys;
  }

  async #ensureInstall(): Promise<void> {
    if (await this.db.get('meta', 'install')) return;
    const record: InstallRecord = { id: crypto.randomUUID(), createdAt: this.now() };
    await this.db.put('meta', record, 'install');
  }
}
