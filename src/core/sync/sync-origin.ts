// The one server a deployment may replicate with (docs/design/sync.md, "Content security policy"). The app lets
// no request leave its own origin; a shop that syncs names exactly one more origin when it builds or deploys the
// app (COUNTERPART_SYNC_ORIGIN), which goes into the content security policy's connect-src and the sync worker's
// fetch guard. Settings › Sync then accepts server addresses on that origin only.

export class SyncOriginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncOriginError';
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The origin ("https://couch.example.com:6984") from a configured value, undefined when none is configured.
 * Only an origin: no path, query, fragment or credentials (a password in a build setting would ship in the app).
 * HTTPS, except on this machine's loopback address (tests, and a server on the tablet's own host).
 */
export function parseSyncOrigin(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SyncOriginError(`the sync origin "${text}" is not an address`);
  }
  if (url.username || url.password) throw new SyncOriginError('the sync origin must not carry a user or password');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw new SyncOriginError(`the sync origin is an origin only (scheme, host, port), not "${text}"`);
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url.origin;
  throw new SyncOriginError(
    `the sync origin must use https (plain http only for localhost), not "${url.protocol.replace(':', '')}"`,
  );
}

/** Whether a server address the staff typed is on the deployment's sync origin. */
export function onSyncOrigin(address: string, syncOrigin: string | undefined): boolean {
  if (!syncOrigin) return false;
  try {
    return new URL(address).origin === syncOrigin;
  } catch {
    return false;
  }
}
