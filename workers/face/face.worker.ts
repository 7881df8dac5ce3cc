// The face worker: all model work happens here, off the UI thread. This file only exposes the engine over
// Comlink; the engine itself is in engine.ts.
import { expose, transfer } from 'comlink';
import type { AnalyzeOptions, FaceEngineApi } from '../../src/shared/face-engine-api';
import { restrictFetchToOrigin } from '../../src/shared/same-origin-fetch';
import { FaceEngine } from './engine';

// Before any model runtime loads: no request may leave the device (see same-origin-fetch.ts).
restrictFetchToOrigin();
const engine = new FaceEngine();

const api: FaceEngineApi = {
  init: (options) => engine.init(options),
  async analyze(frame: ImageBitmap, options: AnalyzeOptions) {
    const result = await engine.analyze(frame, options);
    // Hand the embedding buffers back without copying them.
    const buffers = result.faces.flatMap((f) => (f.embedding ? [f.embedding.buffer as ArrayBuffer] : []));
    return transfer(result, buffers);
  },
  memory: () => Promise.resolve(engine.memory()),
  simulateDeviceLoss: () => Promise.resolve(engine.simulateDeviceLoss()),
  dispose: () => {
    engine.dispose();
    return Promise.resolve();
  },
};

expose(api);
