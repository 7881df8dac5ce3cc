import { describe, expect, it } from 'vitest';
import { rankOf, topK } from './ranking';

describe('ranking', () => {
  const scores = Float64Array.from([0.5, 0.9, 0.5, NaN, 0.1, 0.9]);

  it('orders by score, then by smaller id, NaN last', () => {
    expect(topK(scores, 6)).toEqual([1, 5, 0, 2, 4, 3]);
    expect(topK(scores, 3)).toEqual([1, 5, 0]);
  });

  it('skips excluded items', () => {
    const excluded = Uint8Array.from([0, 1, 0, 0, 0, 0]);
    expect(topK(scores, 2, excluded)).toEqual([5, 0]);
    expect(rankOf(scores, 2, excluded)).toBe(3);
    expect(rankOf(scores, 3, excluded)).toBe(5);
  });

  it('ranks ties after smaller ids', () => {
    const none = new Uint8Array(6);
    expect(rankOf(scores, 1, none)).toBe(1);
    expect(rankOf(scores, 5, none)).toBe(2);
    expect(rankOf(scores, 2, none)).toBe(4);
  });
});
