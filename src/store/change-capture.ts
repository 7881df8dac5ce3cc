// Outbound changes for replication, captured where every write already passes (docs/design/sync.md, "Shape"):
// a transaction over stores that replicate gets wrapped so that each put, add, delete, clear, and each cursor
// update or delete, also adds an outbox row in the same transaction. A change and its outbox row commit or abort
// together, and no repository has to remember to report what it wrote. Off unless the shop syncs (Database
// .captureChanges): with sync off, transactions are not wrapped and the outbox stays empty.
import type { StoreName } from './schema';

/**
 * The stores whose records replicate (docs/design/sync.md, "What replicates"). Not `anonVisitors`: the face
 * template of a visitor who is not a member never leaves the counter that saw them.
 */
export const REPLICATED_STORES: ReadonlySet<StoreName> = new Set<StoreName>([
  'members',
  'templates',
  'staff',
  'purchases',
  'visits',
  'hourly',
  'daily',
  'products',
  'watchlist',
  'audit',
  'settings',
]);

export interface KeyRangeJson {
  readonly lower?: IDBValidKey;
  readonly upper?: IDBValidKey;
  readonly lowerOpen: boolean;
  readonly upperOpen: boolean;
}

export type CapturedChange =
  | { readonly store: StoreName; readonly op: 'put' | 'delete'; readonly key: IDBValidKey }
  | { readonly store: StoreName; readonly op: 'delete-range'; readonly range: KeyRangeJson }
  | { readonly store: StoreName; readonly op: 'clear' };

type Record = (change: CapturedChange) => Promise<unknown>;
type Callable = (...args: unknown[]) => unknown;

function rangeJson(r: IDBKeyRange): KeyRangeJson {
  return {
    ...(r.lower !== undefined ? { lower: r.lower as IDBValidKey } : {}),
    ...(r.upper !== undefined ? { upper: r.upper as IDBValidKey } : {}),
    lowerOpen: r.lowerOpen,
    upperOpen: r.upperOpen,
  };
}

/** `target[prop]` bound to `target`, or the plain value. */
function passThrough(target: object, prop: PropertyKey): unknown {
  const value: unknown = Reflect.get(target, prop, target);
  return typeof value === 'function' ? (value as Callable).bind(target) : value;
}

function call(target: object, prop: string, args: unknown[]): unknown {
  return (Reflect.get(target, prop, target) as Callable).apply(target, args);
}

/** A cursor whose update and delete are recorded, and whose next positions are wrapped too. */
function wrapCursor<C extends object>(cursor: C, store: StoreName, record: Record): C {
  return new Proxy(cursor, {
    get(target, prop) {
      if (prop === 'update')
        return async (...args: unknown[]) => {
          const key = await call(target, 'update', args);
          await record({ store, op: 'put', key: Reflect.get(target, 'primaryKey') as IDBValidKey });
          return key;
        };
      if (prop === 'delete')
        return async () => {
          const primaryKey = Reflect.get(target, 'primaryKey') as IDBValidKey;
          await call(target, 'delete', []);
          await record({ store, op: 'delete', key: primaryKey });
        };
      if (prop === 'continue' || prop === 'advance' || prop === 'continuePrimaryKey')
        return async (...args: unknown[]) => {
          const next = await call(target, prop, args);
          return next ? wrapCursor(next as C, store, record) : next;
        };
      return passThrough(target, prop);
    },
  });
}

/** An index (or store) whose cursors are wrapped. */
function wrapCursorSource<I extends object>(source: I, store: StoreName, record: Record): I {
  return new Proxy(source, {
    get(target, prop) {
      if (prop === 'openCursor' || prop === 'openKeyCursor')
        return async (...args: unknown[]) => {
          const cursor = await call(target, prop, args);
          return cursor ? wrapCursor(cursor, store, record) : cursor;
        };
      if (prop === 'iterate') throw new Error('iterate() is not captured for replication: use openCursor()');
      return passThrough(target, prop);
    },
  });
}

function wrapStore<S extends object>(objectStore: S, store: StoreName, record: Record): S {
  const withCursors = wrapCursorSource(objectStore, store, record);
  return new Proxy(withCursors, {
    get(target, prop) {
      if (prop === 'put' || prop === 'add')
        return async (...args: unknown[]) => {
          const key = (await call(objectStore, prop, args)) as IDBValidKey;
          await record({ store, op: 'put', key });
          return key;
        };
      if (prop === 'delete')
        return async (query: IDBValidKey | IDBKeyRange) => {
          await call(objectStore, 'delete', [query]);
          await record(
            query instanceof IDBKeyRange
              ? { store, op: 'delete-range', range: rangeJson(query) }
              : { store, op: 'delete', key: query },
          );
        };
      if (prop === 'clear')
        return async () => {
          await call(objectStore, 'clear', []);
          await record({ store, op: 'clear' });
        };
      if (prop === 'index')
        return (name: string) => wrapCursorSource(call(objectStore, 'index', [name]) as object, store, record);
      return Reflect.get(target, prop, target);
    },
  });
}

/** `tx` with every write to a replicated store recorded through `record` (which writes in the same transaction). */
export function captureChanges<T extends object>(tx: T, record: Record): T {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'objectStore')
        return (name: StoreName) => {
          const store = call(target, 'objectStore', [name]) as object;
          return REPLICATED_STORES.has(name) ? wrapStore(store, name, record) : store;
        };
      return passThrough(target, prop);
    },
  });
}
