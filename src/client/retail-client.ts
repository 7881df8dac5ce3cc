// The one typed bridge to the retail worker. The worker parses and validates sales files; this side stores
// what it sends (the store lives here), and undoes a cancelled or failed import so nothing half-done remains.
import { type Remote, proxy, wrap } from 'comlink';
import type { SalesImportReport } from '../core/sales/import-sales';
import type { Metrics, QueryCase } from '../core/recommend/evaluate';
import type { HybridSettings, Recommendation, WeightedItem } from '../core/recommend/hybrid';
import type { TrainingProgress } from '../core/recommend/train-tuned';
import type {
  EvaluationOptions,
  ImportProgress,
  ImportSalesOptions,
  RetailWorkerApi,
  SavedVectors,
  TrainSummary,
} from '../shared/retail-api';
import { RetailStore, SalesImportSession } from '../store/retail-store';

export interface ImportOutcome {
  readonly report: SalesImportReport;
  /** Purchases (baskets) written, including re-imported ones that replaced identical rows. */
  readonly purchasesSaved: number;
  /** Purchases that were not in the store before. */
  readonly purchasesNew: number;
  readonly productsAdded: number;
}

export class RetailClient {
  #remote: Remote<RetailWorkerApi> | undefined;
  #worker: Worker | undefined;

  constructor(
    private readonly retail: RetailStore,
    private readonly workerFactory: () => Worker = defaultWorker,
  ) {}

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

  async importSales(
    file: File,
    options: ImportSalesOptions,
    handlers: { onProgress?: (p: ImportProgress) => void; signal?: AbortSignal } = {},
  ): Promise<ImportOutcome> {
    const api = this.#api();
    const jobId = crypto.randomUUID();
    const session = new SalesImportSession(jobId, file.name);
    const onAbort = () => void api.cancel(jobId);
    handlers.signal?.addEventListener('abort', onAbort, { once: true });
    const sink = proxy({
      onBaskets: (baskets: Parameters<RetailStore['saveBaskets']>[1]) => this.retail.saveBaskets(session, baskets),
      onProgress: (p: ImportProgress) => handlers.onProgress?.(p),
    });
    let report: SalesImportReport;
    try {
      report = await api.importSales(jobId, file, options, sink);
    } catch (err) {
      // Cancelled, unreadable, or the disk filled up: remove what this import added, keep everything else.
      await this.retail.undoImport(session);
      throw err;
    } finally {
      handlers.signal?.removeEventListener('abort', onAbort);
    }
    const productsAdded = await this.retail.addProductsSeen(report.products);
    await this.retail.recordImport({
      id: jobId,
      name: file.name,
      at: Date.now(),
      accepted: report.accepted,
      rejected: report.rejected,
    });
    return { report, purchasesSaved: session.purchases, purchasesNew: session.created.size, productsAdded };
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
