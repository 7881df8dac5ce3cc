// The one typed bridge to the face worker. Everything the UI asks of the face models goes through here.
import { type Remote, wrap } from 'comlink';
import type { EngineInfo, FaceEngineApi } from '../shared/face-engine-api';

export class FaceEngineClient {
  #worker: Worker | undefined;
  #remote: Remote<FaceEngineApi> | undefined;

  #ensure(): Remote<FaceEngineApi> {
    if (!this.#remote) {
      this.#worker = new Worker(new URL('../../workers/face/face.worker.ts', import.meta.url), {
        type: 'module',
        name: 'face-engine',
      });
      this.#remote = wrap<FaceEngineApi>(this.#worker);
    }
    return this.#remote;
  }

  init(modelsBaseUrl = new URL('models/', document.baseURI).href): Promise<EngineInfo> {
    return this.#ensure().init({ modelsBaseUrl });
  }

  async dispose(): Promise<void> {
    await this.#remote?.dispose();
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
  }
}
