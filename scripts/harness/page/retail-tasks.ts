// Recommendation tasks of the harness, run in the app's own retail worker (the same code and defaults the
// Products screen trains with):
//   recommend  train on a basket file, then score the evaluation protocol's queries
//   item2vec   train item2vec alone with given hyper-parameters and report its speed
import { wrap, proxy } from 'comlink';
import { parseQueriesTsv } from '../../../src/core/recommend/evaluate';
import { DEFAULT_RECOMMENDER } from '../../../src/core/recommend/defaults';
import type { BuildProgress, HybridSettings } from '../../../src/core/recommend/hybrid';
import { parseBasketsTsv } from '../../../src/core/recommend/vocab';
import type { RetailWorkerApi } from '../../../src/shared/retail-api';
import type { HarnessContext, Task } from './harness';

function retailWorker() {
  const worker = new Worker(new URL('../../../workers/retail/retail.worker.ts', import.meta.url), {
    type: 'module',
    name: 'retail',
  });
  return { worker, api: wrap<RetailWorkerApi>(worker) };
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

function progressReporter(ctx: HarnessContext) {
  let last = -1;
  return proxy((p: BuildProgress) => {
    const pct = Math.floor(p.fraction * 10) * 10;
    if (p.phase !== 'item2vec' || pct !== last) ctx.progress(`${p.phase} ${p.phase === 'item2vec' ? `${pct}%` : ''}`);
    last = pct;
  });
}

const num = (v: unknown, fallback: number) => (Number.isFinite(Number(v)) && v !== undefined ? Number(v) : fallback);

export const retailTasks: Record<string, Task> = {
  async recommend(ctx) {
    const baskets = parseBasketsTsv(await fetchText(String(ctx.args.train)));
    const cases = parseQueriesTsv(await fetchText(String(ctx.args.queries)));
    const { worker, api } = retailWorker();
    try {
      const summary = await api.trainRecommender(baskets, DEFAULT_RECOMMENDER, progressReporter(ctx), undefined);
      const metrics = await api.evaluateRecommender(cases);
      return {
        task: 'recommend',
        cases: metrics.cases,
        hr_at_10: metrics.hr,
        mrr_at_10: metrics.mrr,
        ndcg_at_10: metrics.ndcg,
        coverage: metrics.coverage,
        train_seconds: summary.seconds,
        items: summary.items,
        baskets: summary.baskets,
      };
    } finally {
      worker.terminate();
    }
  },

  async item2vec(ctx) {
    const baskets = parseBasketsTsv(await fetchText(String(ctx.args.train)));
    const base = DEFAULT_RECOMMENDER.vectors.sgns;
    const sgns = {
      ...base,
      dim: num(ctx.args.dim, base.dim),
      negative: num(ctx.args.negative, base.negative),
      epochs: num(ctx.args.epochs, base.epochs),
      ...(ctx.args.window !== undefined ? { maxContext: num(ctx.args.window, base.maxContext) } : {}),
      ...(ctx.args.sample !== undefined ? { sample: num(ctx.args.sample, base.sample) } : {}),
      ...(ctx.args.minCount !== undefined ? { minCount: num(ctx.args.minCount, base.minCount) } : {}),
    };
    // Speed is item2vec's own training time (train_seconds); the whole build, with co-occurrence and the
    // neighbour graph, is build_seconds.
    const settings: HybridSettings = { ...DEFAULT_RECOMMENDER, vectors: { ...DEFAULT_RECOMMENDER.vectors, sgns } };
    const { worker, api } = retailWorker();
    try {
      const summary = await api.trainRecommender(baskets, settings, progressReporter(ctx), undefined);
      return {
        tokens_per_s: summary.tokens / summary.sgnsSeconds,
        pairs_per_s: summary.pairs / summary.sgnsSeconds,
        train_seconds: summary.sgnsSeconds,
        build_seconds: summary.seconds,
        epochs: sgns.epochs,
        dim: sgns.dim,
        negative: sgns.negative,
        tokens: summary.tokens,
        pairs: summary.pairs,
      };
    } finally {
      worker.terminate();
    }
  },
};
