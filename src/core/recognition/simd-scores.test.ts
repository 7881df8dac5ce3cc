import { describe, expect, it } from 'vitest';
import { SimdScorer } from './simd-scores';

function random(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  });
}

describe('SimdScorer', () => {
  it('computes the same dot products as a plain loop', () => {
    const size = 37;
    const dim = 128;
    const matrix = random(size * dim, 1);
    const probe = random(dim, 2);
    const scorer = SimdScorer.create(matrix, size, dim);
    expect(scorer).toBeDefined();
    const out = new Float32Array(size);
    scorer?.scoresInto(probe, out);
    for (let r = 0; r < size; r++) {
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += (matrix[r * dim + i] as number) * (probe[i] as number);
      expect(out[r]).toBeCloseTo(dot, 4);
    }
  });

  it('declines dimensions that are not a multiple of 16, and empty galleries', () => {
    expect(SimdScorer.create(new Float32Array(10 * 20), 10, 20)).toBeUndefined();
    expect(SimdScorer.create(new Float32Array(0), 0, 128)).toBeUndefined();
  });
});
