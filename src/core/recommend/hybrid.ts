// The shipped recommender for "given these items, what else goes in the basket" (basket completion) and for
// "items like this one". It adds, for each query item q and candidate j, two item-to-item associations:
//
//   score(j) = sum over q of   cooc(q, j)^p                 (normalised, basket-weighted co-occurrence, sharpened)
//                            + w(q, |query|) * vec(q, j)^pv  (sharpened item2vec cosine, top-K neighbours only)
//
// Co-occurrence is the stronger signal wherever baskets have actually shown the pair together; item2vec
// generalises to pairs seen rarely or never (e.g. a new colour of a known product line). So the vector weight is
// chosen per query item by how much evidence co-occurrence has for it, and by how much the query says:
//   w(q, n) = weight * S * E / (E + baskets(q)) * L / (L + n)
// (E = evidenceScale baskets, L = lengthScale items; Infinity switches a factor off): a rarely sold item leans on
// its vectors, a best seller on its co-occurrence counts. S is the co-occurrence scale (the mean of each item's
// strongest association), so one vector weight means the same whether the counts are raw or normalised.
// Which co-occurrence form, and whether the vectors are used at all, is chosen per shop by the tuner (tuner.ts);
// with co-occurrence switched off the model is plain best sellers.
// Ties (e.g. items no signal reaches) fall back to the evaluation protocol's order: more train baskets first,
// then item code, which is also plain popularity.
import { addSimilarityScores, similarityValue, type Similarity } from './cooccurrence';
import { topK } from './ranking';
import type { RegressionSettings } from './regression';
import type { SgnsSettings } from './sgns';
import type { Vocab } from './vocab';
import type { Scorer } from './evaluate';

export interface CooccurrenceSettings {
  /** false = no co-occurrence at all (plain best sellers). Absent in models saved before it existed: on. */
  readonly enabled?: boolean;
  /** Basket weight 1 / (distinct items)^sizeExponent. */
  readonly sizeExponent: number;
  /** Recency half-life in baskets (0 = off). */
  readonly halfLife: number;
  readonly queryExponent: number;
  readonly itemExponent: number;
  /** Sharpening exponent p. */
  readonly power: number;
  /**
   * When present, the associations are neighbourhood ridge-regression weights learned from the counts
   * (regression.ts) instead of normalised counts; the exponents and the power are then unused.
   */
  readonly regression?: RegressionSettings;
}

/** Whether these settings use co-occurrence at all (see `enabled`). */
export function usesCooccurrence(settings: CooccurrenceSettings): boolean {
  return settings.enabled !== false;
}

export interface VectorSettings {
  /** Train item2vec and use it (false = co-occurrence only, no training cost). */
  readonly enabled: boolean;
  readonly sgns: SgnsSettings;
  /** Neighbours kept per item. */
  readonly neighbours: number;
  /** Sharpening exponent pv for the cosine. */
  readonly power: number;
  /** Weight of the vector term for a one-item query, relative to the co-occurrence scale (see the file comment). */
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

export class HybridRecommender implements Scorer {
  /** Mean over items of their strongest co-occurrence association (1 when there is none). */
  readonly cooccurrenceScale: number;

  constructor(
    readonly vocab: Vocab,
    readonly cooccurrence: Similarity,
    readonly neighbours: Similarity | undefined,
    readonly settings: HybridSettings,
  ) {
    this.cooccurrenceScale = meanRowMaximum(cooccurrence) || 1;
  }

  /** Vector weight of query item `q` in a query of `length` known items (see the file comment). */
  vectorWeight(q: number, length: number): number {
    if (!this.neighbours) return 0;
    const { weight, lengthScale, evidenceScale } = this.settings.vectors;
    const byLength = Number.isFinite(lengthScale) ? lengthScale / (lengthScale + Math.max(1, length)) : 1;
    const baskets = this.vocab.basketCounts[q] ?? 0;
    const byEvidence = Number.isFinite(evidenceScale) ? evidenceScale / (evidenceScale + baskets) : 1;
    return weight * this.cooccurrenceScale * byLength * byEvidence;
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

  /**
   * How much query item q's co-occurrence with j adds to j's score (per unit of query weight): 0 unless the two
   * were actually bought together, so a "bought with q" reason built on it is always true. Vector similarity is
   * left out on purpose: it can link items that never shared a basket.
   */
  contribution(q: number, j: number): number {
    return similarityValue(this.cooccurrence, q, j);
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
        const c = (weights[i] as number) * this.contribution(q, id);
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

/** Mean over items with any association of their strongest one (0 for an empty graph). */
function meanRowMaximum(sim: Similarity): number {
  let sum = 0;
  let rows = 0;
  for (let q = 0; q < sim.size; q++) {
    let best = 0;
    for (let p = sim.rowPtr[q] as number; p < (sim.rowPtr[q + 1] as number); p++)
      best = Math.max(best, sim.values[p] as number);
    if (best > 0) {
      sum += best;
      rows++;
    }
  }
  return rows ? sum / rows : 0;
}
