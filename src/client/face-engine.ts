// The one typed bridge to the face worker. Everything the UI asks of the face models goes through here.
// - Frames are transferred, never copied, and never queue up: one is analysed, at most one waits, a newer frame
//   replaces the waiting one (LatestWins).
// - Calls take an AbortSignal; an aborted frame is dropped, or its result discarded if already running.
// - If the worker dies (crash, out of memory), it is restarted and re-initialised with the same options, and the
//   counter keeps going; `state` tells the UI what is happening.
import { type Remote, releaseProxy, transfer, wrap } from 'comlink';
import { Observable } from '../core/observable';
import { LatestWins } from '../core/engine/latest-wins';
import type {
  AnalyzeOptions,
  AnalyzeResult,
  EngineInfo,
  EngineInitOptions,
  EngineMemory,
  FaceEngineApi,
} from '../shared/face-engine-api';
import { strings } from '../i18n/strings';

export type EngineStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'starting' }
  | { readonly state: 'ready'; readonly info: EngineInfo }
  | { readonly state: 'restarting'; readonly reason: string }
  | { readonly state: 'failed'; readonly error: string };

interface Job {
  readonly frame: ImageBitmap;
  readonly options: AnalyzeOptions;
}

/** More than this many crashes within CRASH_WINDOW_MS and the engine gives up (it would only crash again). */
const MAX_RESTARTS = 3;
const CRASH_WINDOW_MS = 60_000;

export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashedError';
  }
}

export class FaceEngineClient {
  readonly status = new Observable<EngineStatus>({ state: 'idle' });

  #worker: Worker | undefined;
  #remote: Remote<FaceEngineApi> | undefined;
  #initOptions: EngineInitOptions | undefined;
  #ready: Promise<EngineInfo> | undefined;
  #recentCrashes: number[] = [];
  /** Rejects pending calls when the worker dies. */
  #crashed: ((err: Error) => void) | undefined;
  readonly #frames = new LatestWins<Job, AnalyzeResult>(
    (job) => this.#runAnalyze(job),
    (job) => job.frame.close(),
  );

  constructor(private readonly workerFactory: () => Worker = startFaceWorker) {}

  /** Starts the worker: verifies model files, measures backends, loads models. */
  init(options: Partial<EngineInitOptions> = {}): Promise<EngineInfo> {
    this.#initOptions = {
      ...options,
      modelsBaseUrl: options.modelsBaseUrl ?? new URL('models/', document.baseURI).href,
      backend: options.backend ?? 'auto',
    };
    this.#ready = this.#boot('starting');
    return this.#ready;
  }

  /**
   * Replaces the running worker with one started with other options (a backend chosen in Settings), without a
   * reload. A frame being analysed is dropped (an AbortError, as when a newer frame replaces it); frames sent
   * meanwhile wait for the new worker.
   */
  restart(options: Partial<EngineInitOptions>): Promise<EngineInfo> {
    const worker = this.#worker;
    const remote = this.#remote;
    this.#worker = undefined;
    this.#remote = undefined;
    this.#crashed?.(new DOMException(strings.errors.engineRestartingWithSettings, 'AbortError'));
    remote?.[releaseProxy]();
    worker?.terminate();
    return this.init(options);
  }

  get info(): EngineInfo | undefined {
    const s = this.status.value;
    return s.state === 'ready' ? s.info : undefined;
  }

  /** True while a frame is being analysed. */
  get busy(): boolean {
    return this.#frames.busy;
  }

  /**
   * Analyses a frame (transferred to the worker). While one frame is in flight, a newer one replaces any frame
   * waiting; the replaced frame is closed and its promise rejects with an AbortError. `keep`: never replaced (a
   * photo staff chose: the counter goes on sending frames meanwhile), run before any waiting frame.
   */
  analyze(
    frame: ImageBitmap,
    options: AnalyzeOptions = {},
    signal?: AbortSignal,
    queue: { readonly keep?: boolean } = {},
  ): Promise<AnalyzeResult> {
    return this.#frames.submit({ frame, options }, signal, queue);
  }

  async memory(): Promise<EngineMemory> {
    return (await this.#api()).memory();
  }

  async simulateDeviceLoss(): Promise<boolean> {
    return (await this.#api()).simulateDeviceLoss();
  }

  async dispose(): Promise<void> {
    const remote = this.#remote;
    this.#remote = undefined;
    await remote?.dispose().catch(() => undefined);
    remote?.[releaseProxy]();
    this.#worker?.terminate();
    this.#worker = undefined;
    this.status.set({ state: 'idle' });
  }

  async #api(): Promise<Remote<FaceEngineApi>> {
    if (!this.#ready) throw new Error(strings.errors.engineNotStarted);
    await this.#ready;
    if (!this.#remote) throw new Error(strings.errors.engineNotRunning);
    return this.#remote;
  }

  async #boot(state: 'starting' | 'restarting', reason = ''): Promise<EngineInfo> {
    const options = this.#initOptions;
    if (!options) throw new Error('init() first');
    this.status.set(state === 'starting' ? { state } : { state, reason });
    const worker = this.workerFactory();
    this.#worker = worker;
    this.#remote = wrap<FaceEngineApi>(worker);
    worker.addEventListener('error', (e) => this.#onCrash(e.message || 'worker error'));
    worker.addEventListener('messageerror', () => this.#onCrash('worker message error'));
    try {
      const info = await this.#remote.init(options);
      this.status.set({ state: 'ready', info });
      return info;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.status.set({ state: 'failed', error });
      throw err;
    }
  }

  #onCrash(reason: string): void {
    if (!this.#worker) return;
    this.#worker.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
    this.#crashed?.(new WorkerCrashedError(strings.errors.engineStopped(reason)));
    // Restart, but not in a tight loop: a worker that keeps dying is reported as failed.
    const now = Date.now();
    this.#recentCrashes = this.#recentCrashes.filter((t) => now - t < CRASH_WINDOW_MS);
    this.#recentCrashes.push(now);
    if (this.#recentCrashes.length > MAX_RESTARTS) {
      const error = strings.errors.engineKeepsStopping(reason);
      this.status.set({ state: 'failed', error });
      this.#ready = Promise.reject(new WorkerCrashedError(error));
    } else {
      this.#ready = this.#boot('restarting', reason);
    }
    this.#ready.catch(() => undefined);
  }

  async #runAnalyze(job: Job): Promise<AnalyzeResult> {
    let remote: Remote<FaceEngineApi>;
    try {
      remote = await this.#api();
    } catch (err) {
      job.frame.close();
      throw err;
    }
    // Race the call against a crash of the worker, so a dead worker cannot leave the frame pipeline stuck.
    const crashed = new Promise<never>((_, reject) => {
      this.#crashed = reject;
    });
    try {
      const result = await Promise.race([remote.analyze(transfer(job.frame, [job.frame]), job.options), crashed]);
      // The worker moved to another backend (e.g. the GPU device was lost): say so in the status.
      if (result.engineChanged) this.status.set({ state: 'ready', info: result.engineChanged });
      return result;
    } finally {
      this.#crashed = undefined;
    }
  }
}

export function startFaceWorker(): Worker {
  return new Worker(new URL('../../workers/face/face.worker.ts', import.meta.url), {
    type: 'module',
    name: 'face-engine',
  });
}
