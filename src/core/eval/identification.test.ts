import { describe, expect, it } from 'vitest';
import { dirAtFpir } from './identification';

describe('dirAtFpir', () => {
  it('sets the threshold just above the allowed unknown scores', () => {
    const probes = [
      { truth: 'a', top: 'a', topScore: 0.95 },
      { truth: 'b', top: 'b', topScore: 0.91 },
      { truth: 'c', top: 'x', topScore: 0.97 },
      { truth: 'd', top: undefined, topScore: undefined },
    ];
    const unknowns = [0.92, 0.5, 0.4, 0.3].map((topScore) => ({ topScore }));
    // FPIR 0: threshold above 0.92 -> only probe a (0.95, right person) counts.
    expect(dirAtFpir(probes, unknowns, 0)).toMatchObject({ dir: 0.25 });
    // FPIR 25 %: one unknown may pass -> threshold just above 0.5: a and b count.
    expect(dirAtFpir(probes, unknowns, 0.25).dir).toBe(0.5);
  });
});
