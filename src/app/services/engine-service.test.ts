// The engine service: what the engine said about itself once started, a failed start that never rejects, and
// the test build's init options passed on.
import { describe, expect, it } from 'vitest';
import type { FaceEngineClient } from '../../client/face-engine';
import type { EngineInfo, EngineInitOptions } from '../../shared/face-engine-api';
import { EngineService } from './engine-service';

function fakeClient(fail = false) {
  const inits: Partial<EngineInitOptions>[] = [];
  const info = { backend: 'wasm', embeddingModel: 'model@1', embeddingDim: 4 } as EngineInfo;
  const client = {
    info: undefined as EngineInfo | undefined,
    init: (options: Partial<EngineInitOptions>) => {
      inits.push(options);
      return fail ? Promise.reject(new Error('no models')) : Promise.resolve(info);
    },
    restart: (options: Partial<EngineInitOptions>) => {
      inits.push({ ...options, restarted: true } as Partial<EngineInitOptions>);
      return Promise.resolve({ ...info, backend: options.backend } as EngineInfo);
    },
  };
  return { client: client as unknown as FaceEngineClient & { info: EngineInfo | undefined }, inits, info };
}

describe('EngineService', () => {
  it('starts the engine on the chosen backend and keeps what it reported', async () => {
    const { client, inits, info } = fakeClient();
    const engine = new EngineService(client, { testInitOptions: () => ({ exactBackend: 'cpu' }) });
    expect(engine.embeddingModel).toBeUndefined();
    await engine.start('webgl');
    expect(inits).toEqual([{ backend: 'webgl', exactBackend: 'cpu' }]);
    expect(engine.info.value).toBe(info);
    expect(engine.embeddingModel).toBe('model@1');
    expect(engine.assumeLive).toBe(false);
  });

  it('starts again on another backend chosen in Settings, only once started and only on a change', async () => {
    const { client, inits } = fakeClient();
    const engine = new EngineService(client);
    await engine.useBackend('webgl');
    expect(inits).toEqual([]);
    await engine.start('auto');
    await engine.useBackend('auto');
    const restarting = engine.useBackend('webgl');
    expect(engine.info.value).toBeUndefined();
    await restarting;
    expect(inits).toEqual([{ backend: 'auto' }, { backend: 'webgl', restarted: true }]);
    expect(engine.info.value?.backend).toBe('webgl');
  });

  it('never rejects when the engine fails to start (its status says so)', async () => {
    const { client } = fakeClient(true);
    const engine = new EngineService(client, { assumeLive: true });
    await expect(engine.start('auto')).resolves.toBeUndefined();
    expect(engine.info.value).toBeUndefined();
    expect(engine.assumeLive).toBe(true);
    client.info = { embeddingModel: 'model@2' } as EngineInfo;
    expect(engine.embeddingModel).toBe('model@2');
  });
});
