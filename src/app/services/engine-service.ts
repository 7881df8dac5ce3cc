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
  /** The backend preference the engine was last started with (undefined before start). */
  #preference: BackendPreference | undefined;

  constructor(
    readonly client: FaceEngineClient,
    private readonly options: EngineOptions = {},
  ) {
    this.assumeLive = options.assumeLive ?? false;
  }

  /** Starts the worker; a failure reaches the UI through the client's own status, never as a rejection. */
  async start(backend: BackendPreference): Promise<void> {
    this.#preference = backend;
    await this.#report(this.client.init(this.#initOptions(backend)));
  }

  /**
   * The shop chose another backend in Settings: the engine starts again on it, at once and without a reload.
   * Ignored before the engine has started (start() reads the setting) and when the preference is unchanged.
   */
  async useBackend(backend: BackendPreference): Promise<void> {
    if (this.#preference === undefined || backend === this.#preference) return;
    this.#preference = backend;
    this.info.set(undefined);
    await this.#report(this.client.restart(this.#initOptions(backend)));
  }

  #initOptions(backend: BackendPreference): Partial<EngineInitOptions> {
    return { backend, ...(this.options.testInitOptions?.() ?? {}) };
  }

  async #report(starting: Promise<EngineInfo>): Promise<void> {
    try {
      this.info.set(await starting);
    } catch {
      // The engine's own status observable carries the failure to the UI.
    }
  }

  /** The embedding model templates are made with: from start-up, else from the engine's current state. */
  get embeddingModel(): string | undefined {
    return this.info.value?.embeddingModel ?? this.client.info?.embeddingModel;
  }
}
