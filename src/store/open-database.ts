// Opening the database through any IDBFactory (the browser's, or fake-indexeddb in Node tests). idb's openDB
// only uses the global one, so this does the same work with an explicit factory, via idb's own wrap().
import { type IDBPDatabase, type IDBPTransaction, wrap } from 'idb';
import type { CounterpartDB, StoreName } from './schema';

export interface OpenCallbacks {
  upgrade(
    db: IDBPDatabase<CounterpartDB>,
    oldVersion: number,
    newVersion: number,
    tx: IDBPTransaction<CounterpartDB, StoreName[], 'versionchange'>,
  ): void;
  /** Another connection (another tab) keeps an older version open. */
  blocked?(): void;
  /** This connection blocks another tab's upgrade. */
  blocking?(db: IDBPDatabase<CounterpartDB>): void;
  /** The browser closed the connection itself: site data cleared by the user, storage evicted, disk failure. */
  terminated?(): void;
}

export async function openDatabase(
  factory: IDBFactory,
  name: string,
  version: number,
  callbacks: OpenCallbacks,
): Promise<IDBPDatabase<CounterpartDB>> {
  const request = factory.open(name, version);
  request.addEventListener('upgradeneeded', (event) => {
    callbacks.upgrade(
      wrap(request.result) as IDBPDatabase<CounterpartDB>,
      event.oldVersion,
      event.newVersion ?? version,
      wrap(request.transaction as IDBTransaction) as unknown as IDBPTransaction<
        CounterpartDB,
        StoreName[],
        'versionchange'
      >,
    );
  });
  request.addEventListener('blocked', () => callbacks.blocked?.());
  const db = (await wrap(request)) as IDBPDatabase<CounterpartDB>;
  db.addEventListener('versionchange', () => callbacks.blocking?.(db));
  db.addEventListener('close', () => callbacks.terminated?.());
  return db;
}
