// The retail worker: sales import (streamed CSV parsing and validation) and recommendation model training, off
// the UI thread. Storage stays with the UI side's store; this worker only computes.
import { expose } from 'comlink';
import { streamCsv } from '../../src/core/sales/csv-stream';
import { importSales } from '../../src/core/sales/import-sales';
import type { ImportSalesOptions, ImportSink, RetailWorkerApi } from '../../src/shared/retail-api';

const jobs = new Map<string, AbortController>();

function startJob(id: string): AbortSignal {
  const controller = new AbortController();
  jobs.set(id, controller);
  return controller.signal;
}

const api: RetailWorkerApi = {
  async previewCsv(file, rows) {
    const controller = new AbortController();
    const out: string[][] = [];
    try {
      await streamCsv(file.stream(), {
        signal: controller.signal,
        onRows: (chunk) => {
          out.push(...chunk.slice(0, rows - out.length));
          if (out.length >= rows) controller.abort();
        },
      });
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) throw err;
    }
    return out;
  },

  async importSales(jobId: string, file: Blob, options: ImportSalesOptions, sink: ImportSink) {
    const signal = startJob(jobId);
    try {
      return await importSales(file.stream(), {
        ...options,
        totalBytes: file.size,
        signal,
        onBaskets: (baskets) => sink.onBaskets(baskets),
        onProgress: (p) => sink.onProgress(p),
      });
    } finally {
      jobs.delete(jobId);
    }
  },

  cancel(jobId) {
    jobs.get(jobId)?.abort();
    return Promise.resolve();
  },
};

expose(api);
