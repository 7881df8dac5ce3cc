// Helpers for the services' unit tests (Node, fake-indexeddb). Not imported by app code.
import { Observable } from '../../core/observable';
import type { EngineInfo } from '../../shared/face-engine-api';
import { type Store } from '../../store/store';
import { openTestStore } from '../../store/test-support';
import type { EngineService } from './engine-service';

export const PASS = 'a good passphrase';
export const MODEL = 'test-model@1';

/** A store that is set up and unlocked. */
export async function unlockedStore(now?: () => number): Promise<Store> {
  const store = await openTestStore(undefined, now);
  await store.vault.setUp(PASS);
  return store;
}

/** An engine that has started with 4-dimensional embeddings of MODEL. */
export function readyEngine(): Pick<EngineService, 'info' | 'embeddingModel'> {
  const info = { embeddingModel: MODEL, embeddingDim: 4 } as EngineInfo;
  return { info: new Observable<EngineInfo | undefined>(info), embeddingModel: MODEL };
}

export const unit = (...xs: number[]): Float32Array => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / n));
};
