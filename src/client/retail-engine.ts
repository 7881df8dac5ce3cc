// The one typed bridge to the retail worker. The worker parses and validates sales files; this side stores
// what it sends (the store lives here), and undoes a cancelled or failed import so nothing half-done remains.
import { type Remote, proxy, wrap } from 'comlink';
import type { SalesImportReport } from '../core/sales/import-sales';
import type { ImportProgress, ImportSalesOptions, RetailWorkerApi } from '../shared/retail-api';
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

  constructor(
    private readonly retail: RetailStore,
    private readonly workerFactory: () => Worker = defaultWorker,
  ) {}

  #api(): Remote<RetailWorkerApi> {
    this.#remote ??= wrap<RetailWorkerApi>(this.workerFactory());
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

  dispose(): void {
    this.#remote = undefined;
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/retail/retail.worker.ts', import.meta.url), {
    type: 'module',
    name: 'retail',
  });
}
