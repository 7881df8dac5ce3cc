// The sync worker: sealing, opening and replicating records off the UI thread (docs/design/sync.md).
import './fetch-guard';
import { expose } from 'comlink';
import { onSyncOrigin } from '../../src/core/sync/sync-origin';
import type { SyncConnection, SyncResult, SyncWorkerApi } from '../../src/shared/sync-api';
import { browserPlatform } from './browser-platform';
import { SyncEngine } from './sync-engine';

let engine: SyncEngine | undefined;

function opened(): SyncEngine {
  if (!engine) throw new Error('sync is not open');
  return engine;
}

/** Addresses on another origin than the deployment's are refused before any request. */
function onOrigin(c: SyncConnection): SyncResult<never> | undefined {
  return onSyncOrigin(c.server, __SYNC_ORIGIN__ || undefined) ? undefined : { ok: false, reason: 'origin' };
}

const api: SyncWorkerApi = {
  create: async (c, tablet) => onOrigin(c) ?? SyncEngine.create(browserPlatform, c, tablet),
  join: async (c, code, tablet) => onOrigin(c) ?? SyncEngine.join(browserPlatform, c, code, tablet),
  async open(secrets, tablet, retentionDays, events) {
    await engine?.close();
    engine = await SyncEngine.open(browserPlatform, secrets, tablet, retentionDays);
    engine.start(events);
  },
  offerPairing: (newShop) => opened().offerPairing(newShop),
  send: (records) => opened().send(records),
  pull: () => opened().pull(),
  secrets: () => Promise.resolve(opened().secrets()),
  async close() {
    await engine?.close();
    engine = undefined;
  },
};

expose(api);
