// The contract between the UI and the face worker: the only types that cross that boundary.

export interface EngineInitOptions {
  /** URL of public/models/, ending with '/'. */
  readonly modelsBaseUrl: string;
}

export interface EngineInfo {
  /** Number of model files verified against the manifest. */
  readonly modelFilesVerified: number;
}

export interface FaceEngineApi {
  init(options: EngineInitOptions): Promise<EngineInfo>;
  dispose(): Promise<void>;
}
