import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOMMENDER } from './defaults';
import { buildRecommender, restoreRecommender } from './build';
import type { HybridSettings } from './hybrid';

// Two planted groups that never share a basket: tops with trousers, and tents with stoves.
const baskets = [
  ...Array.from({ length: 30 }, (_, i) => (i % 2 ? ['TOP', 'TROUSERS', 'BELT'] : ['TOP', 'TROUSERS'])),
  ...Array.from({ length: 30 }, (_, i) => (i % 2 ? ['TENT', 'STOVE', 'MAT'] : ['TENT', 'STOVE'])),
  ['TOP', 'SOCKS'],
];

const fast: HybridSettings = {
  ...DEFAULT_RECOMMENDER,
  vectors: {
    ...DEFAULT_RECOMMENDER.vectors,
    sgns: { ...DEFAULT_RECOMMENDER.vectors.sgns, dim: 8, epochs: 30, sample: 0 },
    neighbours: 5,
  },
};

describe('HybridRecommender', () => {
  const { recommender, trained } = buildRecommender(baskets, fast);

  it('completes a basket from its own group and explains each item by the query item behind it', () => {
    const recs = recommender.recommend(['TOP'], 3);
    expect(recs.map((r) => r.code)).toEqual(['TROUSERS', 'BELT', 'SOCKS']);
    expect(recs[0]?.because).toBe('TOP');
    const camping = recommender.recommendWeighted(
      [
        { code: 'TENT', weight: 2 },
        { code: 'TOP', weight: 0.1 },
      ],
      2,
    );
    expect(camping.map((r) => r.code)).toEqual(['STOVE', 'MAT']);
    expect(camping[0]?.because).toBe('TENT');
  });

  it('never suggests query items or excluded ones unless asked to keep them', () => {
    expect(recommender.recommend(['TOP', 'TROUSERS'], 10).map((r) => r.code)).not.toContain('TOP');
    const kept = recommender.recommendWeighted(
      [
        { code: 'TOP', weight: 1 },
        { code: 'TROUSERS', weight: 1 },
      ],
      3,
      new Set(['BELT']),
      true,
    );
    expect(kept.map((r) => r.code)).toContain('TOP');
    expect(kept.map((r) => r.code)).not.toContain('BELT');
  });

  it('falls back to popularity for unknown codes', () => {
    // TOP is in 31 baskets; STOVE, TENT and TROUSERS tie at 30 and are ordered by code.
    expect(recommender.recommend(['NOPE'], 3).map((r) => r.code)).toEqual(['TOP', 'STOVE', 'TENT']);
  });

  it('restores from saved vectors onto newer sales without retraining', () => {
    expect(trained).toBeDefined();
    const newer = [...baskets, ['NEWHAT', 'TOP'], ['NEWHAT', 'TOP']];
    const restored = restoreRecommender(newer, fast, trained);
    // Co-occurrence is rebuilt on the newer baskets, so the new item is suggested at once.
    expect(restored.recommend(['NEWHAT'], 1)[0]?.code).toBe('TOP');
    // The saved neighbour graph still links the old items.
    const old = restored.recommend(['TENT'], 2).map((r) => r.code);
    expect(old).toEqual(['STOVE', 'MAT']);
  });

  it('gives rarely sold items a larger vector weight when an evidence scale is set', () => {
    const evidence: HybridSettings = { ...fast, vectors: { ...fast.vectors, evidenceScale: 5 } };
    const model = restoreRecommender(baskets, evidence, trained);
    const top = model.vocab.index.get('TOP') as number;
    const socks = model.vocab.index.get('SOCKS') as number;
    expect(model.vectorWeight(socks, 1)).toBeGreaterThan(model.vectorWeight(top, 1) * 5);
  });
});
