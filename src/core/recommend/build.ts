// Building the recommender from baskets: the co-occurrence graph (always rebuilt from the current sales, so new
// sales count at once) and, when the settings ask for it, item2vec vectors and their neighbour graph (the slow
// part, saved between sessions). Pure and synchronous, for the retail Web Worker.
import {
  basketWeights,
  buildCooccurrence,
  remapSimilarity,
  toSimilarity,
  type Cooccurrence,
  type Similarity,
} from './cooccurrence';
import { HybridRecommender, usesCooccurrence, type CooccurrenceSettings, type HybridSettings } from './hybrid';
import { vectorNeighbours } from './neighbours';
import { regressionSimilarity } from './regression';
import { trainSgns, type ItemVectors, type SgnsCallbacks } from './sgns';
import { buildVocab, encodeBaskets, type Basket, type Vocab } from './vocab';

export interface BuildProgress {
  readonly phase: 'vocabulary' | 'cooccurrence' | 'item2vec' | 'neighbours' | 'done';
  /** 0..1 within the item2vec phase (the only long one). */
  readonly fraction: number;
}

/** A graph with no associations (co-occurrence switched off: the model is plain best sellers). */
export function emptySimilarity(size: number): Similarity {
  return { size, rowPtr: new Int32Array(size + 1), cols: new Int32Array(0), values: new Float32Array(0) };
}

/** The item-to-item associations the settings ask for, from (weighted) co-occurrence counts. */
export function associations(counts: Cooccurrence, settings: CooccurrenceSettings): Similarity {
  return settings.regression ? regressionSimilarity(counts, settings.regression) : toSimilarity(counts, settings);
}

/** Co-occurrence part of the model: cheap (about a second for a year of a busy shop), rebuilt on every load. */
export function cooccurrenceModel(
  baskets: readonly Basket[],
  settings: CooccurrenceSettings,
): { vocab: Vocab; similarity: Similarity } {
  const vocab = buildVocab(baskets);
  if (!usesCooccurrence(settings)) return { vocab, similarity: emptySimilarity(vocab.codes.length) };
  const distinct = encodeBaskets(vocab, baskets, { distinct: true });
  const counts = buildCooccurrence(distinct, vocab.codes.length, {
    basketWeights: basketWeights(distinct, { sizeExponent: settings.sizeExponent, halfLife: settings.halfLife }),
  });
  return { vocab, similarity: associations(counts, settings) };
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
