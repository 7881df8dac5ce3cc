import { describe, expect, it } from 'vitest';
import { Rng } from '../random/prng';
import { sgnsStep } from './sgns-step';
import { createSgnsKernel } from './sgns-kernel';

describe('createSgnsKernel', () => {
  it('performs the same gradient step as the JavaScript reference', () => {
    const size = 9;
    const dim = 12; // a multiple of 4 but not of 16: every loop runs with a short row
    const rng = new Rng(5);
    const kernel = createSgnsKernel(size, dim, 4);
    expect(kernel).toBeDefined();
    if (!kernel) return;
    const input = Float32Array.from({ length: size * dim }, () => rng.nextFloat() - 0.5);
    const output = Float32Array.from({ length: size * dim }, () => rng.nextFloat() - 0.5);
    kernel.input.set(input);
    kernel.output.set(output);
    const rows = Int32Array.from([3, 7, 1, 3]); // a negative may repeat the positive's row
    kernel.rows.set(rows);
    for (let s = 0; s < 3; s++) {
      kernel.step(2 + s, 4, 0.05);
      sgnsStep(input, output, dim, 2 + s, rows, 4, 0.05, new Float64Array(dim), new Float64Array(dim));
    }
    for (let i = 0; i < size * dim; i++) {
      expect(kernel.input[i]).toBeCloseTo(input[i] as number, 5);
      expect(kernel.output[i]).toBeCloseTo(output[i] as number, 5);
    }
  });

  it('declines dimensions that are not a multiple of 4', () => {
    expect(createSgnsKernel(4, 6, 2)).toBeUndefined();
  });
});
