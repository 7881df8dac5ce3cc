// The sync engine's platform in the browser: replicas in IndexedDB, the server over HTTP with the shop's
// credentials, and a probe that tells staff why a server cannot be used (down, refusing the credentials, or
// refusing this app's origin through CORS).
import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import indexeddb from 'pouchdb-adapter-indexeddb';
import replication from 'pouchdb-replication';
import type { SyncConnection } from '../../src/shared/sync-api';
import type { Envelope } from './crypto/envelope';
import { liveSync } from './live';
import type { SyncPlatform } from './sync-engine';

PouchDB.plugin(indexeddb).plugin(http).plugin(replication);

const auth = (c: SyncConnection) => ({ username: c.username, password: c.password });
const base = (c: SyncConnection) => c.server.replace(/\/+$/, '');

export const browserPlatform: SyncPlatform = {
  replica: (name) => new PouchDB<Envelope>(`counterpart-${name}`, { adapter: 'indexeddb' }),
  remote: (c, name) => new PouchDB<Envelope>(`${base(c)}/${name}`, { adapter: 'http', auth: auth(c) }),
  probe: async (c, name) => {
    let response: Response;
    try {
      response = await fetch(`${base(c)}/${name}`, {
        headers: { Authorization: `Basic ${btoa(`${c.username}:${c.password}`)}`, Accept: 'application/json' },
      });
    } catch {
      // A network error: the server is down, or it answered without allowing this origin (CORS). An opaque
      // request needs no CORS: if that one gets through, the server is up and refuses the app's origin.
      try {
        await fetch(base(c), { mode: 'no-cors' });
        return { ok: false, reason: 'cors' };
      } catch {
        return { ok: false, reason: 'unreachable' };
      }
    }
    if (response.status === 401 || response.status === 403) return { ok: false, reason: 'credentials' };
    if (response.status === 404) return { ok: false, reason: 'missing' };
    if (!response.ok) return { ok: false, reason: 'unreachable' };
    const info = (await response.json()) as { doc_count?: number };
    return { ok: true, docs: info.doc_count ?? 0 };
  },
  live: liveSync,
  now: () => Date.now(),
};
