import { describe, expect, it } from 'vitest';
import {
  addSimilarityScores,
  basketWeights,
  buildCooccurrence,
  buildCooccurrences,
  cooccurrenceCount,
  toSimilarity,
} from './cooccurrence';
import type { EncodedBaskets } from './vocab';

function corpusOf(baskets: number[][]): EncodedBaskets {
  const offsets = new Int32Array(baskets.length + 1);
  baskets.forEach((b, i) => (offsets[i + 1] = (offsets[i] as number) + b.length));
  return { items: Int32Array.from(baskets.flat()), offsets };
}

// Items 0..3. Baskets: {0,1,2}, {0,1}, {1,3}, {0,0,2} (the repeated 0 counts once).
const corpus = corpusOf([
  [0, 1, 2],
  [1, 0],
  [3, 1],
  [0, 0, 2],
]);

describe('buildCooccurrence', () => {
  const m = buildCooccurrence(corpus, 4);

  it('counts baskets per item and per pair, symmetric, without the diagonal', () => {
    expect([...m.itemBaskets]).toEqual([3, 3, 2, 1]);
    const dense = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => cooccurrenceCount(m, i, j)));
    expect(dense).toEqual([
      [0, 2, 2, 0],
      [2, 0, 1, 1],
      [2, 1, 0, 0],
      [0, 1, 0, 0],
    ]);
  });

  it('stores sorted CSR rows', () => {
    expect([...m.rowPtr]).toEqual([0, 2, 5, 7, 8]);
    expect([...m.cols]).toEqual([1, 2, 0, 2, 3, 0, 1, 1]);
  });

  it('weights baskets by size and recency', () => {
    const w = basketWeights(corpus, { sizeExponent: 1, halfLife: 2 });
    // Sizes 3, 2, 2, 2 (distinct); ages 3, 2, 1, 0.
    expect(w[0]).toBeCloseTo((1 / 3) * 0.5 ** 1.5, 12);
    expect(w[1]).toBeCloseTo(0.5 * 0.5, 12);
    expect(w[3]).toBe(0.5);
    expect([...basketWeights(corpus, { sizeExponent: 0, halfLife: 0 })]).toEqual([1, 1, 1, 1]);
  });

  it('applies basket weights', () => {
    const w = buildCooccurrence(corpus, 4, { basketWeights: [1, 0.5, 1, 2] });
    expect(cooccurrenceCount(w, 0, 1)).toBe(1.5);
    expect(cooccurrenceCount(w, 2, 0)).toBe(3);
    expect(w.itemBaskets[0]).toBe(3.5);
  });

  it('builds several weightings in one pass, each equal to its own build', () => {
    const weightings = [undefined, [1, 0.5, 1, 2], [0, 1, 3, 0.25]];
    const together = buildCooccurrences(corpus, 4, weightings);
    expect(together).toHaveLength(3);
    weightings.forEach((weights, k) => {
      const alone = buildCooccurrence(corpus, 4, weights ? { basketWeights: weights } : {});
      expect([...(together[k]?.values ?? [])]).toEqual([...alone.values]);
      expect([...(together[k]?.itemBaskets ?? [])]).toEqual([...alone.itemBaskets]);
      expect([...(together[k]?.cols ?? [])]).toEqual([...alone.cols]);
    });
  });
});

describe('similarity scores', () => {
  const m = buildCooccurrence(corpus, 4);

  it('sums cosine-normalised counts over the query items', () => {
    const out = new Float64Array(4);
    addSimilarityScores(toSimilarity(m, { queryExponent: 0.5, itemExponent: 0.5, power: 1 }), [0, 3], out);
    // From 0: item 1 -> 2/sqrt(3*3), item 2 -> 2/sqrt(3*2). From 3: item 1 -> 1/sqrt(1*3).
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(2 / 3 + 1 / Math.sqrt(3), 6);
    expect(out[2]).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect(out[3]).toBe(0);
  });

  it('gives raw counts with zero exponents, sharpens with power, honours query weights', () => {
    const raw = new Float64Array(4);
    addSimilarityScores(toSimilarity(m, { queryExponent: 0, itemExponent: 0, power: 1 }), [0, 3], raw, [1, 10]);
    expect([...raw]).toEqual([0, 12, 2, 0]);
    const sharp = new Float64Array(4);
    addSimilarityScores(toSimilarity(m, { queryExponent: 0, itemExponent: 1, power: 2 }), [0, 3], sharp);
    // From 0: item 1 -> (2/3)^2, item 2 -> (2/2)^2. From 3: item 1 -> (1/3)^2.
    expect(sharp[1]).toBeCloseTo(4 / 9 + 1 / 9, 6);
    expect(sharp[2]).toBeCloseTo(1, 6);
  });

  it('is directed when the exponents differ', () => {
    const sim = toSimilarity(m, { queryExponent: 1, itemExponent: 0, power: 1 });
    const from3 = new Float64Array(4);
    addSimilarityScores(sim, [3], from3);
    const from1 = new Float64Array(4);
    addSimilarityScores(sim, [1], from1);
    expect(from3[1]).toBe(1); // 1 / n_3
    expect(from1[3]).toBeCloseTo(1 / 3, 6); // 1 / n_1
  });
});
