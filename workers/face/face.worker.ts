// The face worker: all model work happens here, off the UI thread.
import { expose } from 'comlink';
import type { EngineInfo, EngineInitOptions, FaceEngineApi } from '../../src/shared/face-engine-api';
import { VerifiedModelFiles } from '../../src/shared/model-files';

let files: VerifiedModelFiles | undefined;

const api: FaceEngineApi = {
  async init(options: EngineInitOptions): Promise<EngineInfo> {
    files = new VerifiedModelFiles(options.modelsBaseUrl);
    const problems = await files.verifyAll();
    if (problems.length) throw new Error(problems.map((p) => p.message).join(' '));
    return { modelFilesVerified: (await files.manifest()).files.length };
  },
  dispose(): Promise<void> {
    files = undefined;
    return Promise.resolve();
  },
};

expose(api);
