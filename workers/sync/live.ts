// Live two-way replication of a replica with its server database, through PouchDB's own replicator (checkpoints,
// retries with back-off, live changes), reporting what the status strip needs.
import type { Database } from 'pouchdb-core';
import type { Envelope } from './crypto/envelope';
import type { LiveEvents } from './sync-engine';

export function liveSync(local: Database<Envelope>, remote: Database<Envelope>, events: LiveEvents): () => void {
  const replication = local
    .sync(remote, { live: true, retry: true, batch_size: 500 })
    .on('active', () => events.active())
    .on('paused', (err) => events.paused(err))
    .on('change', (info) => {
      if (info.direction === 'pull' && info.change.docs_written > 0) events.pulled();
    })
    .on('denied', (err) => events.failed(err))
    .on('error', (err) => events.failed(err));
  return () => replication.cancel();
}
