// Live replication of a replica with its server database, both ways, through PouchDB's own replicator
// (checkpoints, retries with back-off, live changes), reporting what the status strip needs. Two one-way
// replications rather than PouchDB's two-way `sync`: only a one-way replication says why it paused (its `paused`
// event carries the request's error), which is how a tablet knows it is offline.
import PouchDB, { type Database, type Replication } from 'pouchdb-core';
import type { Envelope } from './crypto/envelope';
import type { LiveEvents } from './sync-engine';

/**
 * Waits between retries while the server cannot be reached: PouchDB's own doubles up to ten minutes; a counter
 * that comes back online should catch up within a minute.
 */
export const MAX_RETRY_MS = 60_000;
const backOff = (delay: number) => (delay === 0 ? 1_000 : Math.min(delay * 2, MAX_RETRY_MS));
const OPTIONS = { live: true, retry: true, batch_size: 500, back_off_function: backOff };

export function liveSync(local: Database<Envelope>, remote: Database<Envelope>, events: LiveEvents): () => void {
  const failing = { push: false, pull: false };
  const active = { push: true, pull: true };
  const report = () => {
    if (failing.push || failing.pull) events.paused(new Error('the server cannot be reached'));
    else if (active.push || active.pull) events.active();
    else events.paused(undefined);
  };
  const watch = (direction: 'push' | 'pull', replication: Replication) =>
    replication
      .on('active', () => {
        active[direction] = true;
        failing[direction] = false;
        report();
      })
      .on('paused', (err) => {
        active[direction] = false;
        failing[direction] = err !== undefined && err !== null;
        report();
      })
      .on('change', (info) => {
        // Something written: the server answers again.
        failing[direction] = false;
        if (direction === 'pull' && (info.docs_written ?? 0) > 0) events.pulled();
      })
      .on('denied', (err) => events.failed(err))
      .on('error', (err) => events.failed(err));
  const push = watch('push', PouchDB.replicate(local, remote, OPTIONS));
  const pull = watch('pull', PouchDB.replicate(remote, local, OPTIONS));
  return () => {
    push.cancel();
    pull.cancel();
  };
}
