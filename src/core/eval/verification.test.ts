import { describe, expect, it } from 'vitest';
import { accuracyAt, bestThreshold, cosine, tarAtFar } from './verification';

const pairs = [
  { same: true, score: 0.9 },
  { same: true, score: 0.7 },
  { same: true, score: 0.4 },
  { same: false, score: 0.5 },
  { same: false, score: 0.2 },
  { same: false, score: 0.1 },
  { same: true, score: undefined },
];

describe('verification metrics', () => {
  it('cosine', () => {
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1, 12);
  });
  it('accuracy at a threshold counts missing faces as errors', () => {
    expect(accuracyAt(pairs, 0.45)).toBeCloseTo(4 / 7, 12);
    expect(accuracyAt(pairs, 0.6)).toBeCloseTo(5 / 7, 12);
    expect(accuracyAt(pairs, 0.3)).toBeCloseTo(5 / 7, 12);
  });
  it('finds the best threshold', () => {
    const best = bestThreshold(pairs);
    expect(best.accuracy).toBeCloseTo(5 / 7, 12);
    expect(best.threshold).toBeGreaterThan(0.2);
    expect(best.threshold).toBeLessThan(0.7);
  });
  it('TAR at FAR', () => {
    // No impostor allowed above the threshold: it must sit above 0.5.
    const r = tarAtFar(pairs, 0);
    expect(r.threshold).toBeGreaterThan(0.5);
    expect(r.tar).toBeCloseTo(2 / 4, 12);
    // One of three impostors allowed: threshold above 0.2, three of four genuine pairs accepted.
    expect(tarAtFar(pairs, 1 / 3).tar).toBeCloseTo(3 / 4, 12);
  });
});
