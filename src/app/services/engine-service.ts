// The face engine as the app runs it: the worker bridge, what the engine said about itself once started (its
// embedding model goes with every template), and, in the test build only, the liveness override for test clips.
import type { FaceEngineClient } from '../../client/face-engine';
import { Observable } from '../../core/observable';
import type { BackendPreference } from '../../core/engine/choose-backend';
import type { EngineInfo, EngineInitOptions } from '../../shared/face-engine-api';

export interface EngineOptions {
  /** Test build only: every face taken as live (src/test-hooks/test-options.ts). Always false shipped. */
  readonly assumeLive?: boolean;
  /** Test build only: extra init options (an exact backend). */
  readonly testInitOptions?: () => Partial<EngineInitOptions>;
}

export class EngineService {
  readonly info = new Observable<EngineInfo | undefined>(undefined);
  readonly assumeLive: boolean;

  constructor(
    readonly client: FaceEngineClient,
    private readonly options: EngineOptions = {},
  ) {
    this.assumeLive = options.assumeLive ?? false;
  }

  /** Starts the worker; a failure reaches the UI through the client's own status, never as a rejection. */
  async start(backend: BackendPreference): Promise<void> {
    try {
      this.info.set(await this.client.init({ backend, ...(this.options.testInitOptions?.() ?? {}) }));
    } catch {
      // The engine's own status observable carries the failure to the UI.
    }
  }

  /** The embedding model templates are made with: from start-up, else from the engine's current state. */
  get embeddingModel(): string | undefined {
    return this.info.value?.embeddingModel ?? this.client.info?.embeddingModel;
  }
}
