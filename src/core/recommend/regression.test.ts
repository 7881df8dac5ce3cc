import { describe, expect, it } from 'vitest';
import { buildCooccurrence, cooccurrenceCount, similarityValue } from './cooccurrence';
import { regressionSimilarity, ridgeLambda, ridgeSolve } from './regression';
import type { EncodedBaskets } from './vocab';

function corpusOf(baskets: number[][]): EncodedBaskets {
  const offsets = new Int32Array(baskets.length + 1);
  baskets.forEach((b, i) => (offsets[i + 1] = (offsets[i] as number) + b.length));
  return { items: Int32Array.from(baskets.flat()), offsets };
}

const repeat = (basket: number[], times: number) => Array.from({ length: times }, () => basket);

/** Dense Gauss-Jordan elimination with partial pivoting (row-major n x n), as an independent reference. */
function denseSolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = new Float64Array(n * (n + 1));
  a.forEach((row, i) => {
    row.forEach((v, j) => (m[i * (n + 1) + j] = v));
    m[i * (n + 1) + n] = b[i] ?? 0;
  });
  const at = (r: number, c: number) => m[r * (n + 1) + c] ?? 0;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(at(r, c)) > Math.abs(at(pivot, c))) pivot = r;
    for (let k = 0; k <= n; k++) {
      const t = at(c, k);
      m[c * (n + 1) + k] = at(pivot, k);
      m[pivot * (n + 1) + k] = t;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = at(r, c) / at(c, c);
      for (let k = c; k <= n; k++) m[r * (n + 1) + k] = at(r, k) - f * at(c, k);
    }
  }
  return Array.from({ length: n }, (_, i) => at(i, n) / at(i, i));
}

describe('ridgeSolve', () => {
  it('solves (A + lambda I) x = b for a symmetric positive semi-definite A', () => {
    const a = [
      [4, 2, 1],
      [2, 3, 0],
      [1, 0, 2],
    ];
    const b = [1, 2, 3];
    const x = Float64Array.from(b);
    expect(ridgeSolve(Float64Array.from(a.flat()), x, 3, 0.5)).toBe(true);
    const expected = denseSolve(
      a.map((row, i) => row.map((v, j) => v + (i === j ? 0.5 : 0))),
      b,
    );
    [...x].forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 10));
  });

  it('reports a matrix that is not positive definite', () => {
    expect(ridgeSolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2, 0)).toBe(false);
  });
});

describe('regressionSimilarity', () => {
  // Items 0..4 in a small shop.
  const baskets = [
    ...repeat([0, 1, 2], 6),
    ...repeat([0, 3], 4),
    ...repeat([1, 2, 4], 3),
    ...repeat([3, 4], 2),
    ...repeat([0, 1], 2),
  ];
  const counts = buildCooccurrence(corpusOf(baskets), 5);

  it('gives each item the ridge regression over its neighbours, computed from the counts', () => {
    const lambda = ridgeLambda(counts, 0.5);
    expect(lambda).toBeCloseTo((0.5 * (12 + 11 + 9 + 6 + 5)) / 5, 10);
    const sim = regressionSimilarity(counts, { neighbours: 10, ridgeShare: 0.5 });
    for (let j = 0; j < 5; j++) {
      const hood = [0, 1, 2, 3, 4].filter((q) => q !== j && cooccurrenceCount(counts, q, j) > 0);
      const gram = hood.map((x) =>
        hood.map((y) => (x === y ? (counts.itemBaskets[x] as number) + lambda : cooccurrenceCount(counts, x, y))),
      );
      const expected = denseSolve(
        gram,
        hood.map((q) => cooccurrenceCount(counts, q, j)),
      );
      hood.forEach((q, i) => expect(similarityValue(sim, q, j)).toBeCloseTo(expected[i] as number, 4));
    }
  });

  it('keeps only the k most associated items of each item', () => {
    const sim = regressionSimilarity(counts, { neighbours: 1, ridgeShare: 0.5 });
    // Item 2 co-occurs with 0 (6 baskets) and 1 (9); by cosine 1 is its nearest (9/sqrt(11) > 6/sqrt(12)).
    expect(similarityValue(sim, 1, 2)).toBeGreaterThan(0);
    expect(similarityValue(sim, 0, 2)).toBe(0);
    for (let q = 0; q < 5; q++)
      for (let p = sim.rowPtr[q] as number; p < (sim.rowPtr[q + 1] as number) - 1; p++)
        expect(sim.cols[p] as number).toBeLessThan(sim.cols[p + 1] as number);
  });

  it('makes two items that are always bought together share the credit for a pairing', () => {
    // Item 1 predicts item 2; in the second shop item 3 is always bought with item 1, a perfect stand-in.
    const alone = buildCooccurrence(corpusOf([...repeat([1, 2], 8), ...repeat([1], 4), ...repeat([0, 2], 3)]), 4);
    const twins = buildCooccurrence(corpusOf([...repeat([1, 3, 2], 8), ...repeat([1, 3], 4), ...repeat([0, 2], 3)]), 4);
    const settings = { neighbours: 10, ridgeShare: 0.01 };
    const single = similarityValue(regressionSimilarity(alone, settings), 1, 2);
    const a = similarityValue(regressionSimilarity(twins, settings), 1, 2);
    const b = similarityValue(regressionSimilarity(twins, settings), 3, 2);
    expect(a).toBeCloseTo(b, 6);
    expect(a + b).toBeCloseTo(single, 2);
    // Raw counts would give the twins' basket twice the evidence.
    expect(cooccurrenceCount(twins, 1, 2) + cooccurrenceCount(twins, 3, 2)).toBe(2 * cooccurrenceCount(alone, 1, 2));
  });
});
