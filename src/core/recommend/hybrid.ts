// The shipped recommender for "given these items, what else goes in the basket" (basket completion) and for
// "items like this one". It adds, for each query item q and candidate j, two item-to-item associations:
//
//   score(j) = sum over q of   cooc(q, j)^p              (sharpened, basket-size-weighted cosine co-occurrence)
//                            + w(|query|) * vec(q, j)^pv  (sharpened item2vec cosine, top-K neighbours only)
//
// Co-occurrence is the stronger signal wherever baskets have actually shown the pair together; item2vec
// generalises to pairs seen rarely or never (e.g. a new colour of a known product line) and matters most when
// the query says little, so its weight w shrinks as the query grows: w = vectorWeight * L / (L + |query|).
// Ties (e.g. items no signal reaches) fall back to the evaluation protocol's order: more train baskets first,
// then item code, which is also plain popularity.
import { addSimilarityScores, basketWeights, buildCooccurrence, toSimilarity, type Similarity } from './cooccurrence';
import { vectorNeighbours } from './neighbours';
import { topK } from './ranking';
import { trainSgns, type SgnsCallbacks, type SgnsSettings } from './sgns';
import { buildVocab, encodeBaskets, encodeQuery, type Basket, type Vocab } from './vocab';
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
}

export interface HybridSettings {
  readonly cooccurrence: CooccurrenceSettings;
  readonly vectors: VectorSettings;
}

export interface Recommendation {
  readonly code: string;
  readonly score: number;
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

  /** Vector weight for a query of `length` known items. */
  vectorWeight(length: number): number {
    if (!this.neighbours) return 0;
    const { weight, lengthScale } = this.settings.vectors;
    return Number.isFinite(lengthScale) ? (weight * lengthScale) / (lengthScale + Math.max(1, length)) : weight;
  }

  /** Add the hybrid score of every item for a query of item ids into `out` (see the file comment). */
  scoreInto(query: readonly number[], out: Float64Array): void {
    addSimilarityScores(this.cooccurrence, query, out);
    const w = this.vectorWeight(query.length);
    if (w > 0 && this.neighbours)
      addSimilarityScores(
        this.neighbours,
        query,
        out,
        query.map(() => w),
      );
  }

  /**
   * The k best items to add to a basket holding `codes` (unknown codes are ignored; items already in the basket
   * are never suggested). With no known code this is the k most popular items.
   */
  recommend(codes: readonly string[], k = 10): Recommendation[] {
    const query = encodeQuery(this.vocab, codes);
    const size = this.vocab.codes.length;
    const scores = new Float64Array(size);
    this.scoreInto(query, scores);
    const excluded = new Uint8Array(size);
    for (const q of query) excluded[q] = 1;
    return topK(scores, k, excluded).map((id) => ({
      code: this.vocab.codes[id] as string,
      score: scores[id] as number,
    }));
  }

  /** Items most associated with `code` (the same scorer with a one-item query); empty for an unknown code. */
  similarItems(code: string, k = 10): Recommendation[] {
    if (!this.vocab.index.has(code)) return [];
    return this.recommend([code], k);
  }
}

/**
 * Build the whole model from baskets (in time order, oldest first). Synchronous and pure, for a Web Worker;
 * `callbacks` report progress of the item2vec phase and can cancel it (throws an AbortError DOMException).
 */
export function buildRecommender(
  baskets: readonly Basket[],
  settings: HybridSettings,
  callbacks: SgnsCallbacks & { readonly onPhase?: (progress: BuildProgress) => void } = {},
): HybridRecommender {
  const phase = (p: BuildProgress['phase'], fraction = 0) => callbacks.onPhase?.({ phase: p, fraction });
  phase('vocabulary');
  const vocab = buildVocab(baskets);
  const size = vocab.codes.length;
  const distinct = encodeBaskets(vocab, baskets, { distinct: true });

  phase('cooccurrence');
  const c = settings.cooccurrence;
  const counts = buildCooccurrence(distinct, size, {
    basketWeights: basketWeights(distinct, { sizeExponent: c.sizeExponent, halfLife: c.halfLife }),
  });
  const cooccurrence = toSimilarity(counts, c);

  let neighbours: Similarity | undefined;
  const v = settings.vectors;
  if (v.enabled && v.weight > 0) {
    phase('item2vec');
    const { vectors } = trainSgns(encodeBaskets(vocab, baskets), size, v.sgns, {
      ...callbacks,
      onProgress: (p) => {
        phase('item2vec', p.fraction);
        return callbacks.onProgress?.(p);
      },
    });
    phase('neighbours');
    neighbours = vectorNeighbours(vectors, { k: v.neighbours, power: v.power });
  }
  phase('done', 1);
  return new HybridRecommender(vocab, cooccurrence, neighbours, settings);
}
