// Helpers for the store's unit tests (Node, fake-indexeddb). Not imported by app code.
// The auto import installs IDBRequest, IDBKeyRange etc. as globals, which idb's wrappers check against.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { MemberProfile } from '../core/members/member';
import { type Store, openStore } from './store';

export const FAST_ITERATIONS = 1000;

export function freshFactory(): IDBFactory {
  return new IDBFactory();
}

export async function openTestStore(factory = freshFactory(), now?: () => number): Promise<Store> {
  return openStore({ indexedDB: factory, iterations: FAST_ITERATIONS, ...(now ? { now } : {}) });
}

export function profile(name: string, loyaltyId?: string): MemberProfile {
  return {
    displayName: name,
    ...(loyaltyId ? { loyaltyId } : {}),
    consent: {
      policyVersion: '2026-11',
      scopes: ['face-recognition', 'purchase-history'],
      agreedAt: 1_700_000_000_000,
      staff: 'staff-1',
    },
  };
}

export function unitVector(dim: number, seed: number): Float32Array {
  const v = new Float32Array(dim);
  let s = seed;
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    v[i] = s / 2147483648 - 0.5;
    norm += (v[i] as number) ** 2;
  }
  for (let i = 0; i < dim; i++) v[i] = (v[i] as number) / Math.sqrt(norm);
  return v;
}

/** Every record of every object store, as JSON text (typed arrays expanded), for "no trace left" checks. */
export async function dumpAll(store: Store): Promise<string> {
  const out: string[] = [];
  const idb = store.database.idb;
  for (const name of Array.from(idb.objectStoreNames)) {
    const rows: unknown[] = await idb.getAll(name);
    out.push(JSON.stringify(rows, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v)));
  }
  return out.join('\n');
}

/**
 * Makes the `n`th `method` call on object store `storeName` throw QuotaExceededError, as a full disk does, until
 * the returned function is called to put the real method back.
 */
export function fillDiskAt(method: 'add' | 'put', storeName: string, n: number): () => void {
  const proto = globalThis.IDBObjectStore.prototype as unknown as Record<typeof method, (...a: unknown[]) => unknown>;
  const real = proto[method];
  let calls = 0;
  proto[method] = function (this: IDBObjectStore, ...args: unknown[]) {
    if (this.name === storeName && ++calls === n) throw new DOMException('full', 'QuotaExceededError');
    return real.apply(this, args);
  };
  return () => {
    proto[method] = real;
  };
}
