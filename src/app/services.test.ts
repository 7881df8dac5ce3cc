// The composition root: the services work together as the app runs them. Unlocking loads members and the
// watch-list, a counter sale reaches the recommendations without anyone asking, locking forgets everyone, and
// each service is provided through its own context.
import { describe, expect, it, vi } from 'vitest';
import type { FaceEngineClient } from '../client/face-engine';
import type { RetailClient } from '../client/retail-client';
import type { EngineInfo } from '../shared/face-engine-api';
import { createStore } from '../store/store';
import { FAST_ITERATIONS, freshFactory, profile } from '../store/test-support';
import { createServices, provideServices } from './services';
import { ContextRequestEvent } from './services/context';
import { membersContext, salesContext } from './services/contexts';
import type { IdleTimer } from './services/lock-session';
import { PASS, unit } from './services/test-support';

/** The face engine's bridge, recording how it was started. */
function fakeEngine() {
  const starts: string[] = [];
  const info = (backend: string) => ({ backend, embeddingModel: 'model@1', embeddingDim: 4 }) as EngineInfo;
  const client = {
    init: (o: { backend?: string }) => (starts.push(`init ${o.backend}`), Promise.resolve(info(o.backend ?? ''))),
    restart: (o: { backend?: string }) => (starts.push(`restart ${o.backend}`), Promise.resolve(info(o.backend ?? ''))),
    dispose: () => Promise.resolve(),
  };
  return { faceEngine: client as unknown as FaceEngineClient, starts };
}

function app(
  faceEngine = { dispose: () => Promise.resolve() } as unknown as FaceEngineClient,
  indexedDB = freshFactory(),
) {
  const store = createStore({ indexedDB, iterations: FAST_ITERATIONS });
  const workerCalls: string[] = [];
  const retailClient = {
    loadRecommender: (baskets: string[][]) => {
      workerCalls.push(`load ${baskets.length}`);
      return Promise.resolve(baskets.length);
    },
    recommend: () => Promise.resolve([]),
  } as unknown as RetailClient;
  const idleTimer = (): IdleTimer => ({ timeoutMs: 0, start: () => undefined, stop: () => undefined });
  const services = createServices({ store, retailClient, faceEngine, idleTimer });
  services.engine.info.set({ embeddingModel: 'model@1', embeddingDim: 4 } as EngineInfo);
  return { services, workerCalls };
}

describe('createServices', () => {
  it('runs unlock, sales and lock through every service', async () => {
    const { services: s, workerCalls } = app();
    await s.lock.start();
    expect(s.lock.state.value.state).toBe('setup-needed');
    await s.lock.setUp(PASS);
    const ada = await s.members.enrol(profile('Ada', 'L-1'), [unit(1, 0, 0, 0)], 'camera');
    await s.watchlist.flagMember(ada.id, 'checking the wiring');
    await s.sales.putProducts([{ code: 'A1', name: 'Scarf', category: 'accessories', price: 12 }]);
    await s.sales.recordCounterSale([{ code: 'A1', quantity: 1 }], { memberId: ada.id });
    expect(workerCalls).toContain('load 1');

    await s.lock.lock();
    expect(s.lock.state.value.state).toBe('locked');
    expect(s.members.members.value.size).toBe(0);
    expect(s.members.gallery).toBeUndefined();
    expect(s.watchlist.entries.value).toEqual([]);

    await s.lock.unlock(PASS);
    expect([...s.members.members.value.values()].map((m) => m.displayName)).toEqual(['Ada']);
    expect(s.watchlist.entries.value).toHaveLength(1);
    await s.dispose();
  });

  it('starts the engine on the stored backend choice, and again at once when staff change it', async () => {
    vi.stubGlobal('window', {}); // start() exposes the test build's diagnostics on window
    const { faceEngine, starts } = fakeEngine();
    const profileDb = freshFactory();
    const first = app(faceEngine, profileDb).services;
    await first.start();
    // Only a manager may change settings: the first user is one.
    await first.lock.setUp('a good passphrase');
    await first.settings.save({ backend: 'webgl' });
    await first.settings.save({ backend: 'webgl' });
    await first.dispose();
    expect(starts).toEqual(['init auto', 'restart webgl']);

    starts.length = 0;
    const next = app(faceEngine, profileDb).services;
    await next.start();
    await expect(next.settings.save({ backend: 'wasm' })).rejects.toThrow(/locked/);
    await next.lock.unlock('a good passphrase');
    await next.settings.save({ backend: 'wasm' });
    await next.dispose();
    expect(starts).toEqual(['init webgl', 'restart wasm']);
    vi.unstubAllGlobals();
  });

  it('provides each service through its own context', () => {
    const { services } = app();
    const shell = new EventTarget();
    provideServices(shell, services);
    const got: unknown[] = [];
    shell.dispatchEvent(
      new ContextRequestEvent(membersContext, new EventTarget() as unknown as Element, (v: unknown) => got.push(v)),
    );
    shell.dispatchEvent(
      new ContextRequestEvent(salesContext, new EventTarget() as unknown as Element, (v: unknown) => got.push(v)),
    );
    expect(got).toEqual([services.members, services.sales]);
  });
});
