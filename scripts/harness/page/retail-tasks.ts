// Recommendation tasks of the harness, run in the app's own retail worker (the same code the Products screen
// trains with):
//   recommend  tune on the training baskets (as the app does), retrain, then score the evaluation protocol's
//              queries: on the raw scorer, or with asCard through the member card's own pipeline
//   item2vec   train item2vec alone with given hyper-parameters and report its speed
import { wrap, proxy } from 'comlink';
import { parseQueriesTsv } from '../../../src/core/recommend/evaluate';
import { candidateSettings, FALLBACK_CANDIDATE } from '../../../src/core/recommend/candidates';
import { DEFAULT_RECOMMENDER } from '../../../src/core/recommend/defaults';
import type { HybridSettings } from '../../../src/core/recommend/hybrid';
import type { TrainingProgress } from '../../../src/core/recommend/train-tuned';
import type { CatalogueInfo } from '../../../src/core/recommend/rerank';
import { DEFAULT_SETTINGS } from '../../../src/core/settings/settings';
import { parseBasketsTsv } from '../../../src/core/recommend/vocab';
import type { EvaluationOptions, RetailWorkerApi } from '../../../src/shared/retail-api';
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
  let last = '';
  return proxy((p: TrainingProgress) => {
    const line = `${p.step} ${p.phase} ${Math.floor(p.overall * 10) * 10}%`;
    if (line !== last) ctx.progress(line);
    last = line;
  });
}

const num = (v: unknown, fallback: number) => (Number.isFinite(Number(v)) && v !== undefined ? Number(v) : fallback);

/**
 * The card's catalogue for the evaluation: names and categories from a products TSV (header line, then
 * `code<TAB>name[<TAB>category]`), no discounts; an item without a category (or not in the file) is its own
 * category, so diversity never merges two items nobody grouped.
 */
function cardCatalogue(baskets: readonly string[][], productsTsv: string | undefined): [string, CatalogueInfo][] {
  const known = new Map<string, { name: string; category: string }>();
  for (const line of (productsTsv ?? '').split('\n').slice(1)) {
    const [code, name, category] = line.replace(/\r$/, '').split('\t');
    if (code) known.set(code, { name: name || code, category: category || code });
  }
  const codes = new Set(baskets.flat());
  return [...codes].map((code) => [code, { name: code, category: code, price: 0, ...known.get(code) }]);
}

/** JSON cannot hold Infinity (e.g. a switched-off length discount): write it as text. */
function jsonSafe<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)),
  ) as T;
}

export const retailTasks: Record<string, Task> = {
  async recommend(ctx) {
    const baskets = parseBasketsTsv(await fetchText(String(ctx.args.train)));
    const tune = !ctx.args.noTune;
    const { worker, api } = retailWorker();
    try {
      // --no-tune: the small-shop fallback exactly as the tuner would use it, unvalidated.
      const settings = tune
        ? DEFAULT_RECOMMENDER
        : candidateSettings(FALLBACK_CANDIDATE, baskets.length, DEFAULT_RECOMMENDER, false);
      const summary = await api.trainRecommender(baskets, settings, progressReporter(ctx), undefined, tune);
      // The scored queries are fetched only now, after training: the tuner cannot have seen them.
      const cases = parseQueriesTsv(await fetchText(String(ctx.args.queries)));
      const products = typeof ctx.args.products === 'string' ? await fetchText(ctx.args.products) : undefined;
      const card: EvaluationOptions['card'] = ctx.args.asCard
        ? {
            catalogue: cardCatalogue(baskets, products),
            purchasedItems: ctx.args.purchased === 'filter' ? 'filter' : DEFAULT_SETTINGS.purchasedItems,
            now: Date.now(),
          }
        : undefined;
      const options = (withoutVectors: boolean): EvaluationOptions => ({ withoutVectors, ...(card ? { card } : {}) });
      const metrics = await api.evaluateRecommender(cases, options(false));
      const withoutVectors = summary.settings.vectors.enabled
        ? await api.evaluateRecommender(cases, options(true))
        : metrics;
      const t = summary.tuning;
      return jsonSafe({
        task: 'recommend',
        path: card ? 'card' : 'scorer',
        cases: metrics.cases,
        hr_at_10: metrics.hr,
        hr_at_10_se: Math.sqrt((metrics.hr * (1 - metrics.hr)) / metrics.cases),
        mrr_at_10: metrics.mrr,
        ndcg_at_10: metrics.ndcg,
        coverage: metrics.coverage,
        ...('hrOnCard' in metrics
          ? { hr_on_card: metrics.hrOnCard, card_items: metrics.cardItems, purchased_items: card?.purchasedItems }
          : {}),
        hr_at_10_without_vectors: withoutVectors.hr,
        chosen: { name: t?.chosen ?? FALLBACK_CANDIDATE, mode: t?.mode ?? 'untuned', ...summary.settings },
        validation_hr_at_10: t?.validationHr ?? null,
        validation_popularity_hr_at_10: t?.popularityHr ?? null,
        validation: t && {
          train_baskets: t.trainBaskets,
          held_baskets: t.heldBaskets,
          validation_baskets: t.validationBaskets,
          cases: t.cases,
          draws: t.draws,
          candidates: t.scores,
        },
        tuning_seconds: t?.seconds ?? 0,
        train_seconds: summary.seconds,
        items: summary.items,
        baskets: summary.baskets,
      });
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
      const summary = await api.trainRecommender(baskets, settings, progressReporter(ctx), undefined, false);
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
