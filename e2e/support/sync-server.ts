// The replication tests' CouchDB-protocol server: pouchdb-server, in memory, started by the Playwright config
// (playwright.config.ts) on the port after E2E_SYNC_PORT. The tablets reach it through a link the tests hold
// (SyncLink, on E2E_SYNC_PORT: the origin the test build names as its sync origin, vite.config.ts), which a test can
// cut to take the server away from them, or switch to a server that refuses the app's origin (CORS), and restore.
// Tests make the server require a password, and read back everything it holds, every revision of every document, to
// check that nothing personal reached it.
import { expect } from '@playwright/test';
import http from 'node:http';
import net from 'node:net';

export const SYNC_PORT = Number(process.env.E2E_SYNC_PORT ?? 5989);
export const SYNC_ORIGIN = `http://127.0.0.1:${SYNC_PORT}`;
const SERVER_PORT = SYNC_PORT + 1;
const SERVER = `http://127.0.0.1:${SERVER_PORT}`;
export const SYNC_USER = 'shop-high-street';
export const SYNC_PASSWORD = 'sync server password';
const AUTH = `Basic ${Buffer.from(`${SYNC_USER}:${SYNC_PASSWORD}`).toString('base64')}`;

async function json(path: string): Promise<unknown> {
  const res = await fetch(`${SERVER}${path}`, { headers: { Authorization: AUTH, Accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Makes the server take only the shop's user and password (the first call ends pouchdb-server's open mode). */
export async function requirePassword(): Promise<void> {
  const put = (headers: Record<string, string>) =>
    fetch(`${SERVER}/_config/admins/${SYNC_USER}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(SYNC_PASSWORD),
    });
  // Open mode refuses credentials of a user it does not know yet; once set, only the user may set it again.
  let res = await put({});
  if (res.status === 401) res = await put({ Authorization: AUTH });
  expect(res.ok, `configuring the sync server: ${res.status}`).toBe(true);
}

/** A chain name no earlier test used (the server keeps its databases for the whole run). */
export function freshChain(): string {
  return `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/**
 * Every revision of every document in the chain's databases, each as the JSON the server returns, and all of them
 * as one text of what can be read without a key.
 */
export async function everythingOnServer(
  chain: string,
  databases = 2,
): Promise<{ docs: Record<string, unknown>[]; text: string }> {
  const dbs = ((await json('/_all_dbs')) as string[]).filter(
    (d) => d === `cp-${chain}` || d.startsWith(`cp-${chain}-`),
  );
  expect(dbs.length, 'the chain and shop databases on the server').toBe(databases);
  const docs: Record<string, unknown>[] = [];
  for (const db of dbs) {
    const all = (await json(`/${db}/_all_docs`)) as { rows: { id: string }[] };
    // Deleted documents too: their old revisions stay on the server until compaction.
    const changes = (await json(`/${db}/_changes?style=all_docs`)) as { results: { id: string }[] };
    const ids = new Set([...all.rows.map((r) => r.id), ...changes.results.map((r) => r.id)]);
    for (const id of ids) {
      const leaves = (await json(`/${db}/${encodeURIComponent(id)}?open_revs=all&revs=true`)) as {
        ok?: { _revisions: { start: number; ids: string[] } };
      }[];
      for (const leaf of leaves) {
        if (!leaf.ok) continue;
        const { start, ids: revs } = leaf.ok._revisions;
        for (let i = 0; i < revs.length; i++) {
          const rev = `${start - i}-${revs[i]}`;
          const res = await fetch(`${SERVER}/${db}/${encodeURIComponent(id)}?rev=${rev}`, {
            headers: { Authorization: AUTH },
          });
          // Revisions the server no longer holds (compacted) are fine: nothing of them is left to read.
          if (res.ok) docs.push((await res.json()) as Record<string, unknown>);
        }
      }
    }
  }
  // The ciphertext and IV are left out of the text: random base64 holds any short string now and then by chance (a
  // name of three letters turned up in one in CI), and a plaintext there unsealed would be base64, not the words.
  const readable = (d: object) =>
    JSON.stringify(d, (key, value: unknown) =>
      (key === 'ct' || key === 'iv') && typeof value === 'string' ? '(ciphertext)' : value,
    );
  return { docs, text: docs.map(readable).join('\n') };
}

/** Every document is an envelope and nothing else: random id, revision, key id, IV and ciphertext. */
export function expectOnlyEnvelopes(docs: readonly Record<string, unknown>[]): void {
  expect(docs.length).toBeGreaterThan(0);
  for (const doc of docs) {
    const fields = Object.keys(doc).filter((k) => !k.startsWith('_'));
    if (doc._deleted) expect(fields, JSON.stringify(doc)).toEqual([]);
    else expect(fields.sort(), JSON.stringify(doc)).toEqual(['ct', 'iv', 'key', 'v']);
  }
}

/**
 * The tablets' way to the server: a TCP relay on the sync origin's port. Cut, it drops every connection and every
 * new one at once, as a network that went away does; refusing CORS, it answers every request itself, as a server
 * that is up but does not allow the app's origin would; restored, it relays again.
 */
export class SyncLink {
  readonly #sockets = new Set<net.Socket>();
  #mode: 'relay' | 'cut' | 'refuse-cors' = 'relay';
  /**
   * A server that is up and does not allow the app's origin: 200 with a body, and no Access-Control-Allow-Origin,
   * to a preflight (OPTIONS) and to every other request alike. The browser then fails the app's CORS request as a
   * network error, while a no-cors request to it succeeds (workers/sync/browser-platform.ts tells the two apart).
   */
  readonly #refusing = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json', Connection: 'close' });
    res.end(req.method === 'OPTIONS' ? '' : JSON.stringify({ couchdb: 'Welcome' }));
  });
  readonly #server = net.createServer((socket) => {
    if (this.#mode === 'cut') {
      socket.destroy();
      return;
    }
    this.#track(socket);
    if (this.#mode === 'refuse-cors') {
      this.#refusing.emit('connection', socket);
      return;
    }
    const upstream = net.connect(SERVER_PORT, '127.0.0.1');
    this.#track(upstream);
    for (const s of [socket, upstream]) {
      s.on('error', () => {
        socket.destroy();
        upstream.destroy();
      });
    }
    socket.pipe(upstream).pipe(socket);
  });

  #track(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
  }

  #dropAll(): void {
    for (const s of this.#sockets) s.destroy();
  }

  async open(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(SYNC_PORT, '127.0.0.1', resolve);
    });
  }

  cut(): void {
    this.#mode = 'cut';
    this.#dropAll();
  }

  /**
   * From now on the server answers, but not to the app's origin. Open connections are dropped, so that no request
   * reaches the real server over one the browser kept alive.
   */
  refuseCors(): void {
    this.#mode = 'refuse-cors';
    this.#dropAll();
  }

  /** Relays to the real server again (after a cut, or after refusing CORS). */
  restore(): void {
    this.#mode = 'relay';
    this.#dropAll();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
