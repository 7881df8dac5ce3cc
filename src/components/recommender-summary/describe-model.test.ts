import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOMMENDER } from '../../core/recommend/defaults';
import { tuneRecommender } from '../../core/recommend/tuner';
import { Rng } from '../../core/random/prng';
import { describeModel } from './describe-model';

const noVectors = { ...DEFAULT_RECOMMENDER, vectors: { ...DEFAULT_RECOMMENDER.vectors, enabled: false } };

/** Baskets of one of 30 evenly selling pairs each. */
function pairs(count: number): string[][] {
  const rng = new Rng(3);
  return Array.from({ length: count }, () => {
    const k = rng.nextInt(30);
    return [`A${k}`, `B${k}`];
  });
}

describe('describeModel', () => {
  const trainedAt = Date.UTC(2026, 10, 30, 9);

  it('says what was chosen and how it did on the shop’s recent sales next to best sellers', () => {
    const tuning = tuneRecommender(pairs(4000), noVectors);
    const d = describeModel({ trainedAt, baskets: 4000, tuning });
    expect(d.method).toMatch(/bought together/);
    expect(d.check).toContain(`your ${tuning.heldBaskets.toLocaleString()} most recent sales`);
    expect(d.check).toContain('100%'); // every pair completed
    expect(d.check).toMatch(/best sellers alone, \d+%/);
    expect(d.learned).toContain('4,000 sales');
  });

  it('says when a shop was too small to test, and when a model predates testing', () => {
    const small = describeModel({ trainedAt, baskets: 80, tuning: tuneRecommender(pairs(80), noVectors) });
    expect(small.check).toContain('too few to test');
    expect(small.method).toBeDefined();
    const old = describeModel({ trainedAt, baskets: 80, tuning: undefined });
    expect(old.method).toBeUndefined();
    expect(old.check).toContain('train again');
  });
});
