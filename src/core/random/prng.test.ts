import { describe, expect, it } from 'vitest';
import { Rng } from './prng';

describe('Rng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = new Rng(seed);
      return Array.from({ length: 8 }, () => r.nextU32());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('draws floats in [0, 1) and ints in range, roughly uniformly', () => {
    const r = new Rng(1);
    const buckets = new Array<number>(10).fill(0);
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < 100_000; i++) {
      const f = r.nextFloat();
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
      const k = r.nextInt(10);
      buckets[k] = (buckets[k] ?? 0) + 1;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('shuffles into a permutation', () => {
    const xs = Int32Array.from({ length: 50 }, (_, i) => i);
    new Rng(3).shuffle(xs);
    expect([...xs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...xs]).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
