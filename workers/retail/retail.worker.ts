// The retail worker: sales import (streamed CSV parsing and validation) and recommendation model training, off
// the UI thread. Storage stays with the UI side's store; this worker only computes.
import { expose } from 'comlink';
import { streamCsv } from '../../src/core/sales/csv-stream';
import { importSales, surveySales } from '../../src/core/sales/import-sales';
import { evaluate } from '../../src/core/recommend/evaluate';
import { buildRecommender, restoreRecommender } from '../../src/core/recommend/build';
import { HybridRecommender, type WeightedItem } from '../../src/core/recommend/hybrid';
import { evaluateCardPath } from '../../src/core/recommend/evaluate-card';
import { strings } from '../../src/i18n/strings';
import { trainTuned, type TrainingProgress } from '../../src/core/recommend/train-tuned';
import { restrictFetchToOrigin } from '../../src/shared/same-origin-fetch';
import type { ImportSalesOptions, ImportSink, RetailWorkerApi, TrainSummary } from '../../src/shared/retail-api';

// Before any model runtime loads: no request may leave the device (see same-origin-fetch.ts).
restrictFetchToOrigin();
const jobs = new Map<string, AbortController>();
let recommender: HybridRecommender | undefined;

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

  async surveySales(jobId, file, options, onProgress) {
    const signal = startJob(jobId);
    try {
      return await surveySales(file.stream(), {
        ...options,
        signal,
        totalBytes: file.size,
        onProgress,
      });
    } finally {
      jobs.delete(jobId);
    }
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

  trainRecommender(baskets, settings, onProgress, cancelFlag, tune) {
    const started = performance.now();
    let lastReport = 0;
    const shouldStop = () => cancelFlag !== undefined && Atomics.load(cancelFlag, 0) !== 0;
    const report = (p: TrainingProgress) => {
      // Posting every progress tick would flood the UI thread; a few per second is plenty for a bar.
      const now = performance.now();
      if (p.overall < 1 && now - lastReport < 200) return;
      lastReport = now;
      onProgress(p);
    };
    const { built, tuning } = tune
      ? trainTuned(baskets, settings, { onProgress: report, shouldStop })
      : {
          built: buildRecommender(baskets, settings, {
            onProgress: () => (shouldStop() ? false : undefined),
            onPhase: (p) =>
              report({ step: 'training', phase: p.phase, overall: p.phase === 'done' ? 1 : p.fraction * 0.95 }),
          }),
          tuning: undefined,
        };
    recommender = built.recommender;
    const { trained } = built;
    const saved = trained && {
      codes: trained.codes,
      dim: trained.vectors.dim,
      vectors: trained.vectors.input,
      neighbours: {
        rowPtr: trained.neighbours.rowPtr,
        cols: trained.neighbours.cols,
        values: trained.neighbours.values,
      },
    };
    const summary: TrainSummary = {
      items: built.recommender.vocab.codes.length,
      baskets: baskets.length,
      seconds: (performance.now() - started) / 1000,
      tokens: built.tokens,
      pairs: built.pairs,
      sgnsSeconds: built.sgnsSeconds,
      settings: built.recommender.settings,
      tuning,
      saved,
    };
    // The vectors are copied (not transferred): the worker's own model keeps using its neighbour graph.
    return Promise.resolve(summary);
  },

  loadRecommender(baskets, settings, saved) {
    const neighbours = saved && { codes: saved.codes, neighbours: { ...saved.neighbours, size: saved.codes.length } };
    recommender = restoreRecommender(baskets, settings, neighbours);
    return Promise.resolve(recommender.vocab.codes.length);
  },

  recommend(items, k, exclude, keepQueryItems) {
    return Promise.resolve(
      recommender ? recommender.recommendWeighted(items, k, new Set(exclude), keepQueryItems) : [],
    );
  },

  async evaluateRecommender(cases, options) {
    if (!recommender) throw new Error('No recommendation model has been trained yet.');
    const model = options.withoutVectors
      ? new HybridRecommender(recommender.vocab, recommender.cooccurrence, undefined, recommender.settings)
      : recommender;
    const { card } = options;
    if (card) {
      const recommend = (items: WeightedItem[], k: number, exclude: string[], keep: boolean) =>
        Promise.resolve(model.recommendWeighted(items, k, new Set(exclude), keep));
      const inputs = {
        recommend,
        catalogue: new Map(card.catalogue),
        purchasedItems: card.purchasedItems,
        text: strings.card.reasons,
      };
      return evaluateCardPath(cases, model.vocab, inputs, card.now);
    }
    const { ranks: _ranks, ...metrics } = evaluate(model, model.vocab, cases);
    return metrics;
  },

  cancel(jobId) {
    jobs.get(jobId)?.abort();
    return Promise.resolve();
  },
};

expose(api);
