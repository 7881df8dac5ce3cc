// A SyncPlatform for Node (the sync benchmark): replicas are in-memory PouchDB databases, the server is reached over
// HTTP with PouchDB's own HTTP adapter, and live replication is the app's (workers/sync/live.ts). In the app the
// replicas are IndexedDB; everything else the engine does is the same code.
import PouchDB, { type Database } from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import memory from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import type { SyncConnection } from '../../src/shared/sync-api';
import type { Envelope } from '../../workers/sync/crypto/envelope';
import { liveSync } from '../../workers/sync/live';
import type { SyncPlatform } from '../../workers/sync/sync-engine';

PouchDB.plugin(memory).plugin(http).plugin(replication);

export interface NodePlatform extends SyncPlatform {
  /** The replicas handed out so far, by the engine's name for them (the bench reads their document counts). */
  readonly replicas: ReadonlyMap<string, Database<Envelope>>;
}

export const dbUrl = (c: SyncConnection, name: string) => `${c.server.replace(/\/$/, '')}/${name}`;

export const basicAuth = (c: SyncConnection) =>
  `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

/**
 * One tablet's platform. Its replicas are memory databases named after the tablet: two tablets in one process do
 * not share them, and a tablet opened again (same `tablet`) finds its replicas as it left them, since memory
 * databases live by name for as long as the process does.
 */
export function nodePlatform(tablet: string): NodePlatform {
  const replicas = new Map<string, Database<Envelope>>();
  return {
    replicas,
    replica: (name) => {
      const db = new PouchDB<Envelope>(`${tablet}-${name}`, { adapter: 'memory' });
      replicas.set(name, db);
      return db;
    },
    remote: (c, name) =>
      new PouchDB<Envelope>(dbUrl(c, name), { adapter: 'http', auth: { username: c.username, password: c.password } }),
    probe: async (c, name) => {
      let res: Response;
      try {
        res = await fetch(dbUrl(c, name), { headers: { Authorization: basicAuth(c), Accept: 'application/json' } });
      } catch {
        return { ok: false, reason: 'unreachable' };
      }
      if (res.ok) return { ok: true, docs: ((await res.json()) as { doc_count: number }).doc_count };
      await res.body?.cancel();
      if (res.status === 404) return { ok: false, reason: 'missing' };
      if (res.status === 401 || res.status === 403) return { ok: false, reason: 'credentials' };
      return { ok: false, reason: 'unreachable' };
    },
    live: liveSync,
    now: () => Date.now(),
  };
}
