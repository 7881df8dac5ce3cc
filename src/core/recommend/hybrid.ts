// The shipped recommender for "given these items, what else goes in the basket" (basket completion) and for
// "items like this one". It adds, for each query item q and candidate j, two item-to-item associations:
//
//   score(j) = sum over q of   cooc(q, j)^p                 (sharpened, basket-size-weighted cosine co-occurrence)
//                            + w(q, |query|) * vec(q, j)^pv  (sharpened item2vec cosine, top-K neighbours only)
//
// Co-occurrence is the stronger signal wherever baskets have actually shown the pair together; item2vec
// generalises to pairs seen rarely or never (e.g. a new colour of a known product line). So the vector weight is
// chosen per query item by how much evidence co-occurrence has for it, and by how much the query says:
//   w(q, n) = weight * E / (E + baskets(q)) * L / (L + n)
// (E = evidenceScale baskets, L = lengthScale items; Infinity switches a factor off): a rarely sold item leans on
// its vectors, a best seller on its co-occurrence counts.
// Ties (e.g. items no signal reaches) fall back to the evaluation protocol's order: more train baskets first,
// then item code, which is also plain popularity.
import {
  addSimilarityScores,
  basketWeights,
  buildCooccurrence,
  remapSimilarity,
  similarityValue,
  toSimilarity,
  type Similarity,
} from './cooccurrence';
import { vectorNeighbours } from './neighbours';
import { topK } from './ranking';
import { trainSgns, type ItemVectors, type SgnsCallbacks, type SgnsSettings } from './sgns';
import { buildVocab, encodeBaskets, type Basket, type Vocab } from './vocab';
import type { Scorer } from './evaluate';

export interface CooccurrenceSettings {
  /** Basket weight 1 / (distinct items)^sizeExponent. */
  readonly sizeExponent: number;
  /** Recency half-life in baskets (0 = off). */
  readonly halfLife: number;
  readonly queryExponent: number;
  readonly itemExponent: number;
  /** Sharpening exponent p. */
  readonly power: number;
}

export interface VectorSettings {
  /** Train item2vec and use it (false = co-occurrence only, no training cost). */
  readonly enabled: boolean;
  readonly sgns: SgnsSettings;
  /** Neighbours kept per item. */
  readonly neighbours: number;
  /** Sharpening exponent pv for the cosine. */
  readonly power: number;
  /** Weight of the vector term for a one-item query (before the length discount). */
  readonly weight: number;
  /** Query length at which the vector weight has halved (Infinity = no discount). */
  readonly lengthScale: number;
  /** Basket count of a query item at which its vector weight has halved (Infinity = same for every item). */
  readonly evidenceScale: number;
}

export interface HybridSettings {
  readonly cooccurrence: CooccurrenceSettings;
  readonly vectors: VectorSettings;
}

export interface Recommendation {
  readonly code: string;
  readonly score: number;
  /** The query item that contributed most to the score (for "bought with X"); absent when nothing did. */
  readonly because?: string;
}

/** One item of a weighted query (e.g. a member's history, recent purchases weighing more). */
export interface WeightedItem {
  readonly code: string;
  readonly weight: number;
}

export interface BuildProgress {
  readonly phase: 'vocabulary' | 'cooccurrence' | 'item2vec' | 'neighbours' | 'done';
  /** 0..1 within the item2vec phase (the only long one). */
  readonly fraction: number;
}

export class HybridRecommender implements Scorer {
  constructor(
    readonly vocab: Vocab,
    readonly cooccurrence: Similarity,
    readonly neighbours: Similarity | undefined,
    readonly settings: HybridSettings,
  ) {}

  /** Vector weight of query item `q` in a query of `length` known items (see the file comment). */
  vectorWeight(q: number, length: number): number {
    if (!this.neighbours) return 0;
    const { weight, lengthScale, evidenceScale } = this.settings.vectors;
    const byLength = Number.isFinite(lengthScale) ? lengthScale / (lengthScale + Math.max(1, length)) : 1;
    const baskets = this.vocab.basketCounts[q] ?? 0;
    const byEvidence = Number.isFinite(evidenceScale) ? evidenceScale / (evidenceScale + baskets) : 1;
    return weight * byLength * byEvidence;
  }

  /** Add the hybrid score of every item for a query of item ids into `out` (see the file comment). */
  scoreInto(query: readonly number[], out: Float64Array): void {
    this.#scoreWeighted(
      query,
      query.map(() => 1),
      out,
    );
  }

  #scoreWeighted(query: readonly number[], weights: readonly number[], out: Float64Array): void {
    addSimilarityScores(this.cooccurrence, query, out, weights);
    if (this.neighbours)
      addSimilarityScores(
        this.neighbours,
        query,
        out,
        query.map((q, i) => (weights[i] as number) * this.vectorWeight(q, query.length)),
      );
  }

  /** How much query item q adds to candidate j's score (per unit of query weight). */
  contribution(q: number, j: number, queryLength: number): number {
    const w = this.vectorWeight(q, queryLength);
    return (
      similarityValue(this.cooccurrence, q, j) +
      (w > 0 && this.neighbours ? w * similarityValue(this.neighbours, q, j) : 0)
    );
  }

  /**
   * The k best items for a weighted query. Items in `exclude` are never suggested, nor query items unless
   * `keepQueryItems` (a member's history may be bought again); unknown codes are ignored. With no known code, or
   * too few associated items, the rest of the list is the most popular items.
   */
  recommendWeighted(
    items: readonly WeightedItem[],
    k = 10,
    exclude: ReadonlySet<string> = new Set(),
    keepQueryItems = false,
  ): Recommendation[] {
    const weightOf = new Map<number, number>();
    for (const { code, weight } of items) {
      const id = this.vocab.index.get(code);
      if (id !== undefined && weight > 0) weightOf.set(id, (weightOf.get(id) ?? 0) + weight);
    }
    const query = [...weightOf.keys()];
    const weights = query.map((id) => weightOf.get(id) as number);
    const size = this.vocab.codes.length;
    const scores = new Float64Array(size);
    this.#scoreWeighted(query, weights, scores);
    const excluded = new Uint8Array(size);
    if (!keepQueryItems) for (const q of query) excluded[q] = 1;
    for (const code of exclude) {
      const id = this.vocab.index.get(code);
      if (id !== undefined) excluded[id] = 1;
    }
    return topK(scores, k, excluded).map((id) => {
      let best = 0;
      let because: string | undefined;
      query.forEach((q, i) => {
        if (q === id) return;
        const c = (weights[i] as number) * this.contribution(q, id, query.length);
        if (c > best) {
          best = c;
          because = this.vocab.codes[q];
        }
      });
      const code = this.vocab.codes[id] as string;
      const score = scores[id] as number;
      return because === undefined ? { code, score } : { code, score, because };
    });
  }

  /** The k best items to add to a basket holding `codes` (basket completion). */
  recommend(codes: readonly string[], k = 10): Recommendation[] {
    return this.recommendWeighted(
      codes.map((code) => ({ code, weight: 1 })),
      k,
    );
  }

  /** Items most associated with `code` (the same scorer with a one-item query); empty for an unknown code. */
  similarItems(code: string, k = 10): Recommendation[] {
    if (!this.vocab.index.has(code)) return [];
    return this.recommend([code], k);
  }
}

/** Co-occurrence part of the model: cheap (under a second for a year of a busy shop), rebuilt on every load. */
export function cooccurrenceModel(
  baskets: readonly Basket[],
  settings: CooccurrenceSettings,
): { vocab: Vocab; similarity: Similarity } {
  const vocab = buildVocab(baskets);
  const distinct = encodeBaskets(vocab, baskets, { distinct: true });
  const counts = buildCooccurrence(distinct, vocab.codes.length, {
    basketWeights: basketWeights(distinct, { sizeExponent: settings.sizeExponent, halfLife: settings.halfLife }),
  });
  return { vocab, similarity: toSimilarity(counts, settings) };
}

/** A trained model as saved: the item2vec vectors and their neighbour graph, keyed by item code. */
export interface TrainedVectors {
  readonly codes: readonly string[];
  readonly vectors: ItemVectors;
  readonly neighbours: Similarity;
}

export interface BuiltRecommender {
  readonly recommender: HybridRecommender;
  /** Present when item2vec was trained. */
  readonly trained?: TrainedVectors;
  readonly tokens: number;
  readonly pairs: number;
  /** Seconds spent in item2vec training alone (0 when it was not trained). */
  readonly sgnsSeconds: number;
}

/**
 * Build the whole model from baskets (in time order, oldest first). Synchronous and pure, for a Web Worker;
 * `callbacks` report progress of the item2vec phase and can cancel it (throws an AbortError DOMException).
 */
export function buildRecommender(
  baskets: readonly Basket[],
  settings: HybridSettings,
  callbacks: SgnsCallbacks & { readonly onPhase?: (progress: BuildProgress) => void } = {},
): BuiltRecommender {
  const phase = (p: BuildProgress['phase'], fraction = 0) => callbacks.onPhase?.({ phase: p, fraction });
  phase('vocabulary');
  phase('cooccurrence');
  const { vocab, similarity } = cooccurrenceModel(baskets, settings.cooccurrence);
  const v = settings.vectors;
  if (!v.enabled || v.weight <= 0) {
    phase('done', 1);
    return {
      recommender: new HybridRecommender(vocab, similarity, undefined, settings),
      tokens: 0,
      pairs: 0,
      sgnsSeconds: 0,
    };
  }
  phase('item2vec');
  const started = performance.now();
  const result = trainSgns(encodeBaskets(vocab, baskets), vocab.codes.length, v.sgns, {
    ...callbacks,
    onProgress: (p) => {
      phase('item2vec', p.fraction);
      return callbacks.onProgress?.(p);
    },
  });
  const sgnsSeconds = (performance.now() - started) / 1000;
  phase('neighbours');
  const neighbours = vectorNeighbours(result.vectors, { k: v.neighbours, power: v.power });
  phase('done', 1);
  return {
    recommender: new HybridRecommender(vocab, similarity, neighbours, settings),
    trained: { codes: vocab.codes, vectors: result.vectors, neighbours },
    tokens: result.tokens,
    pairs: result.pairs,
    sgnsSeconds,
  };
}

/**
 * A model from saved vectors and the current baskets: co-occurrence is rebuilt (so sales imported since training
 * count at once) and the saved neighbour graph is re-indexed onto the new vocabulary.
 */
export function restoreRecommender(
  baskets: readonly Basket[],
  settings: HybridSettings,
  saved: Pick<TrainedVectors, 'codes' | 'neighbours'> | undefined,
): HybridRecommender {
  const { vocab, similarity } = cooccurrenceModel(baskets, settings.cooccurrence);
  const neighbours = saved
    ? remapSimilarity(saved.neighbours, saved.codes, vocab.index, vocab.codes.length)
    : undefined;
  return new HybridRecommender(vocab, similarity, neighbours, settings);
}
