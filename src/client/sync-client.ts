// The one typed bridge to the sync worker (workers/sync/sync.worker.ts). The worker starts only when the shop
// syncs: a tablet with no server configured never loads it.
import { type Remote, proxy, wrap } from 'comlink';
import type {
  OutgoingRecord,
  PullResult,
  SyncConnection,
  SyncEvents,
  SyncResult,
  SyncSecrets,
  SyncWorkerApi,
} from '../shared/sync-api';

export class SyncClient {
  #remote: Remote<SyncWorkerApi> | undefined;
  #worker: Worker | undefined;

  constructor(private readonly workerFactory: () => Worker = defaultWorker) {}

  #api(): Remote<SyncWorkerApi> {
    if (!this.#remote) {
      this.#worker = this.workerFactory();
      this.#remote = wrap<SyncWorkerApi>(this.#worker);
    }
    return this.#remote;
  }

  create(connection: SyncConnection, tablet: string): Promise<SyncResult<SyncSecrets>> {
    return this.#api().create(connection, tablet);
  }

  join(connection: SyncConnection, code: string, tablet: string): Promise<SyncResult<SyncSecrets>> {
    return this.#api().join(connection, code, tablet);
  }

  open(secrets: SyncSecrets, tablet: string, retentionDays: number, events: SyncEvents): Promise<void> {
    return this.#api().open(
      secrets,
      tablet,
      retentionDays,
      proxy({ onState: (s) => events.onState(s), onIncoming: () => events.onIncoming() } satisfies SyncEvents),
    );
  }

  offerPairing(newShop = false): Promise<SyncResult<{ code: string; expiresAt: number }>> {
    return this.#api().offerPairing(newShop);
  }

  send(records: readonly OutgoingRecord[]): Promise<void> {
    return this.#api().send(records);
  }

  pull(): Promise<PullResult> {
    return this.#api().pull();
  }

  secrets(): Promise<SyncSecrets> {
    return this.#api().secrets();
  }

  /** Stops replication and ends the worker (its keys with it). */
  async close(): Promise<void> {
    if (!this.#remote) return;
    await this.#remote.close().catch(() => undefined);
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/sync/sync.worker.ts', import.meta.url), { type: 'module', name: 'sync' });
}
