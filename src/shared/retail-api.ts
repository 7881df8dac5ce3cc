// The contract between the UI and the retail worker (sales import, item2vec training, recommendations).
import type { Basket } from '../core/sales/basket-grouper';
import type { ColumnMapping } from '../core/sales/columns';
import type { SalesImportReport } from '../core/sales/import-sales';
import type { DateOrder } from '../core/sales/sale-line';

export interface ImportSalesOptions {
  readonly mapping?: ColumnMapping;
  readonly dateOrder?: DateOrder;
}

export interface ImportProgress {
  readonly bytesRead: number;
  readonly totalBytes: number | undefined;
  readonly rows: number;
}

/** Where the worker sends what it parsed; the UI side stores it. */
export interface ImportSink {
  onBaskets(baskets: Basket[]): Promise<void>;
  onProgress(progress: ImportProgress): void;
}

export interface RetailWorkerApi {
  /** Reads the first rows of a CSV (for the column-mapping step). */
  previewCsv(file: Blob, rows: number): Promise<string[][]>;
  importSales(jobId: string, file: Blob, options: ImportSalesOptions, sink: ImportSink): Promise<SalesImportReport>;
  /** Cancels a running job (import or training); its promise rejects with an AbortError. */
  cancel(jobId: string): Promise<void>;
}
