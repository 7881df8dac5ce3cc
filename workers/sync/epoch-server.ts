// A server database as the epoch ratchet (crypto/epochs.ts) uses it: reading a document, and creating one that
// fails when the id exists (CouchDB answers 409 to a PUT without a revision), so only one tablet makes each epoch.
import type { Database } from 'pouchdb-core';
import type { Envelope } from './crypto/envelope';
import type { EpochServer } from './crypto/epochs';

export function epochServer(remote: Database<Envelope>): EpochServer {
  return {
    get: (id) => remote.get(id).catch(() => undefined),
    create: (doc) =>
      remote.put(doc).then(
        () => true,
        (err: unknown) => {
          if ((err as { status?: number }).status === 409) return false;
          throw err;
        },
      ),
  };
}
