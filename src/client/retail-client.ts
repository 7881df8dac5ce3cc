// The one typed bridge to the retail worker. The worker parses and validates sales files and hands each batch of
// baskets to the caller's sink as it goes (the sales service stores them, and undoes a cancelled or failed
// import); it trains and queries the recommender off the UI thread.
import { type Remote, proxy, wrap } from 'comlink';
import type { Basket } from '../core/sales/basket-grouper';
import { SalesFileError, type SalesImportReport, type SurveyOptions } from '../core/sales/import-sales';
import type { Metrics, QueryCase } from '../core/recommend/evaluate';
import type { HybridSettings, Recommendation, WeightedItem } from '../core/recommend/hybrid';
import type { TrainingProgress } from '../core/recommend/train-tuned';
import type {
  EvaluationOptions,
  ImportProgress,
  ImportSalesOptions,
  ImportSink,
  RetailWorkerApi,
  SalesFileSurveyWithHeader,
  SavedVectors,
  TrainSummary,
} from '../shared/retail-api';

export class RetailClient {
  #remote: Remote<RetailWorkerApi> | undefined;
  #worker: Worker | undefined;

  constructor(private readonly workerFactory: () => Worker = defaultWorker) {}

  #api(): Remote<RetailWorkerApi> {
    if (!this.#remote) {
      this.#worker = this.workerFactory();
      this.#remote = wrap<RetailWorkerApi>(this.#worker);
    }
    return this.#remote;
  }

  previewCsv(file: Blob, rows = 6): Promise<string[][]> {
    return this.#api().previewCsv(file, rows);
  }

  /** Reads the whole file once in the worker (storing nothing) and proposes the rules to import it by. */
  surveySales(
    jobId: string,
    file: Blob,
    options: Omit<SurveyOptions, 'signal' | 'totalBytes' | 'onProgress'>,
    onProgress: (progress: ImportProgress) => void,
    signal?: AbortSignal,
  ): Promise<SalesFileSurveyWithHeader> {
    return this.#fileJob(jobId, onProgress, signal, (api, progress) =>
      api.surveySales(jobId, file, options, proxy(progress)),
    );
  }

  /** Streams `file` through the worker as job `jobId`; cancelling (the signal) stops the job. */
  importSales(
    jobId: string,
    file: File,
    options: ImportSalesOptions,
    sink: ImportSink,
    signal?: AbortSignal,
  ): Promise<SalesImportReport> {
    return this.#fileJob(
      jobId,
      (p) => sink.onProgress(p),
      signal,
      (api, progress) =>
        api.importSales(
          jobId,
          file,
          options,
          proxy({ onBaskets: (baskets: Basket[]) => sink.onBaskets(baskets), onProgress: progress }),
        ),
    );
  }

  /**
   * Runs a job that reads a sales file in the worker: cancelling (the signal) stops it, a refused file comes back
   * as a SalesFileError, and progress is passed on only until the result is in. Progress comes over the callback's
   * own channel, so its last report can arrive after the result; one that late would show the file as still being
   * read.
   */
  async #fileJob<T>(
    jobId: string,
    onProgress: (progress: ImportProgress) => void,
    signal: AbortSignal | undefined,
    run: (api: Remote<RetailWorkerApi>, progress: (p: ImportProgress) => void) => Promise<T>,
  ): Promise<T> {
    const api = this.#api();
    const onAbort = () => void api.cancel(jobId);
    signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    try {
      return await run(api, (p) => {
        if (!settled) onProgress(p);
      });
    } catch (err) {
      throw SalesFileError.revive(err);
    } finally {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Trains the recommender in the worker, choosing its settings on the shop's own recent sales first (`settings`
   * then only supplies item2vec's hyper-parameters). Cancelling (the signal) stops it within a few baskets
   * through a shared flag; without shared memory (not cross-origin isolated) the worker is terminated instead
   * and restarted on the next call, after which the caller must load a saved model again.
   */
  async trainRecommender(
    baskets: string[][],
    settings: HybridSettings,
    handlers: { onProgress?: (p: TrainingProgress) => void; signal?: AbortSignal } = {},
  ): Promise<TrainSummary> {
    handlers.signal?.throwIfAborted();
    const api = this.#api();
    const flag =
      typeof SharedArrayBuffer === 'function' && crossOriginIsolated
        ? new Int32Array(new SharedArrayBuffer(4))
        : undefined;
    let rejectCancel: (reason: unknown) => void = () => undefined;
    const cancelled = new Promise<never>((_, reject) => (rejectCancel = reject));
    const onAbort = () => {
      if (flag) Atomics.store(flag, 0, 1);
      else {
        this.#worker?.terminate();
        this.#worker = undefined;
        this.#remote = undefined;
        rejectCancel(new DOMException('Training cancelled', 'AbortError'));
      }
    };
    handlers.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.race([
        api.trainRecommender(
          baskets,
          settings,
          proxy((p: TrainingProgress) => handlers.onProgress?.(p)),
          flag,
          true,
        ),
        cancelled,
      ]);
    } catch (err) {
      // The worker's AbortError arrives as a plain Error through comlink; report it as the cancellation it is.
      if (handlers.signal?.aborted) throw new DOMException('Training cancelled', 'AbortError');
      throw err;
    } finally {
      handlers.signal?.removeEventListener('abort', onAbort);
    }
  }

  loadRecommender(baskets: string[][], settings: HybridSettings, saved: SavedVectors | undefined): Promise<number> {
    return this.#api().loadRecommender(baskets, settings, saved);
  }

  recommend(
    items: WeightedItem[],
    k: number,
    exclude: string[] = [],
    keepQueryItems = false,
  ): Promise<Recommendation[]> {
    return this.#api().recommend(items, k, exclude, keepQueryItems);
  }

  evaluateRecommender(cases: QueryCase[], options: EvaluationOptions = { withoutVectors: false }): Promise<Metrics> {
    return this.#api().evaluateRecommender(cases, options);
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/retail/retail.worker.ts', import.meta.url), {
    type: 'module',
    name: 'retail',
  });
}
