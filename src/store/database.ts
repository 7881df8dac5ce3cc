// The database connection: opening (and upgrading) IndexedDB, the events of a connection that goes away under a
// running app, and one-transaction writes. It knows nothing of keys or records; the repositories in this folder
// are the only code that reads or writes through it.
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { REPLICATED_STORES, captureChanges } from './change-capture';
import { openDatabase } from './open-database';
import { StoreBlockedError, StoreError, StoreFullError, StoreUnavailableError, isQuotaError } from './errors';
import { type CounterpartDB, DB_NAME, type InstallRecord, SCHEMA_VERSION, type StoreName, upgrade } from './schema';
import { strings } from '../i18n/strings';

export interface OpenOptions {
  readonly name?: string;
  /** For tests and workers: an IDBFactory other than the global one. */
  readonly indexedDB?: IDBFactory;
  /** PBKDF2 iterations for new keys (tests lower it; the app uses the default). */
  readonly iterations?: number;
  readonly now?: () => number;
}

export interface WriteOptions {
  /**
   * The write applies a change another tablet made (docs/design/sync.md, "Inbound"): it is not captured for
   * replication, so it is not sent back out.
   */
  readonly replicated?: boolean;
}

/** Why the database connection went away under a running app (see Database.onClosed). */
export type StoreClosedReason = 'upgraded-elsewhere' | 'removed';

export class Database {
  #idb: IDBPDatabase<CounterpartDB> | undefined;
  readonly #closedListeners = new Set<(reason: StoreClosedReason) => void>();
  #closed: StoreClosedReason | undefined;
  #capture = false;
  readonly #capturedListeners = new Set<() => void>();
  readonly now: () => number;

  /** Not open yet: the app builds its services first and opens the database when it starts (see open()). */
  constructor(private readonly options: OpenOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** The connection, for the repositories in this folder. Throws before open() has succeeded. */
  get idb(): IDBPDatabase<CounterpartDB> {
    if (!this.#idb) throw new StoreUnavailableError(strings.errors.storageUnavailable);
    return this.#idb;
  }

  get name(): string {
    return this.options.name ?? DB_NAME;
  }

  get isOpen(): boolean {
    return this.#idb !== undefined;
  }

  async open(): Promise<void> {
    const factory = this.options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) {
      throw new StoreUnavailableError(strings.errors.storageNotAllowed);
    }
    try {
      this.#idb = await new Promise<IDBPDatabase<CounterpartDB>>((resolve, reject) => {
        openDatabase(factory, this.options.name ?? DB_NAME, SCHEMA_VERSION, {
          upgrade,
          // The open waits for another tab to let go; tell the user now instead of hanging.
          blocked: () => reject(new StoreBlockedError(strings.errors.storeBlocked)),
          // A newer version of the app wants to upgrade in another tab: step aside rather than block it.
          blocking: (conn) => {
            conn.close();
            this.#closedBy('upgraded-elsewhere');
          },
          terminated: () => this.#closedBy('removed'),
        }).then(resolve, reject);
      });
    } catch (err) {
      if (err instanceof StoreBlockedError) throw err;
      if (err instanceof DOMException && err.name === 'VersionError') {
        throw new StoreError(strings.errors.storageNewer, {
          cause: err,
        });
      }
      throw new StoreUnavailableError(strings.errors.storageNotOpened(String(err)), { cause: err });
    }
    await this.#ensureInstall();
  }

  /**
   * Called once if the connection goes away under the app: 'upgraded-elsewhere' when a newer version of the app
   * opened in another tab (this tab must reload), 'removed' when the browser closed it (site data cleared or
   * evicted). Listeners run in the order they were added; the key vault adds itself first, so the key is
   * dropped before anyone else hears of it.
   */
  onClosed(listener: (reason: StoreClosedReason) => void): () => void {
    this.#closedListeners.add(listener);
    return () => this.#closedListeners.delete(listener);
  }

  #closedBy(reason: StoreClosedReason): void {
    if (this.#closed || !this.#idb) return;
    this.#closed = reason;
    for (const l of this.#closedListeners) l(reason);
  }

  close(): void {
    this.#idb?.close();
  }

  async installId(): Promise<string> {
    return ((await this.idb.get('meta', 'install')) as InstallRecord).id;
  }

  /**
   * Whether writes to replicated stores also record outbox rows (on while the shop syncs; see change-capture.ts).
   */
  captureChanges(on: boolean): void {
    this.#capture = on;
  }

  /** Called after each committed transaction that added outbox rows (the sync service then drains them). */
  onCaptured(listener: () => void): () => void {
    this.#capturedListeners.add(listener);
    return () => this.#capturedListeners.delete(listener);
  }

  /**
   * Runs `work` in one readwrite transaction over `stores`. Any failure (including a full disk) aborts the
   * transaction, so nothing of it is kept; a quota failure is reported as StoreFullError. While changes are
   * captured, writes to replicated stores add outbox rows in the same transaction.
   */
  async write<const S extends StoreName[]>(
    stores: S,
    work: (tx: IDBPTransaction<CounterpartDB, S, 'readwrite'>) => Promise<void>,
    options: WriteOptions = {},
  ): Promise<void> {
    const capture = this.#capture && !options.replicated && stores.some((s) => REPLICATED_STORES.has(s));
    // With capture the transaction also spans the outbox, which `work` does not name (nor need to know of).
    const tx = this.idb.transaction(capture ? [...stores, 'outbox'] : stores, 'readwrite') as IDBPTransaction<
      CounterpartDB,
      S,
      'readwrite'
    >;
    try {
      if (capture) {
        const outbox = (tx as unknown as IDBPTransaction<CounterpartDB, ['outbox'], 'readwrite'>).objectStore('outbox');
        await work(captureChanges(tx, (change) => outbox.add({ ...change, at: this.now() })));
      } else {
        await work(tx);
      }
      await tx.done;
      if (capture) for (const l of this.#capturedListeners) l();
    } catch (err) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
      await tx.done.catch(() => undefined);
      if (isQuotaError(err) || (err instanceof DOMException && isQuotaError(tx.error))) {
        throw new StoreFullError(strings.errors.storeFull, { cause: err });
      }
      throw err;
    }
  }

  async #ensureInstall(): Promise<void> {
    if (await this.idb.get('meta', 'install')) return;
    const record: InstallRecord = { id: crypto.randomUUID(), createdAt: this.now() };
    await this.idb.put('meta', record, 'install');
  }
}

/**
 * Queues one request per item in a transaction and waits for them together: one turn of the event loop for the
 * lot instead of one per request. Every request is awaited, so none rejects unheard when the transaction aborts
 * (e.g. on a full disk, which can also throw at the call itself); the first failure is thrown.
 */
export async function queueAll<T>(items: readonly T[], request: (item: T) => Promise<unknown>): Promise<void> {
  const queued: Promise<unknown>[] = [];
  let refused: { readonly error: unknown } | undefined;
  for (const item of items) {
    try {
      queued.push(request(item));
    } catch (error) {
      refused = { error };
      break;
    }
  }
  const results = await Promise.allSettled(queued);
  if (refused) throw refused.error;
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}
