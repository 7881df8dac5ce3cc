import { describe, expect, it } from 'vitest';
import { type CatalogueInfo, DEFAULT_RERANK, recencyWeight, rerank } from './rerank';

const text = {
  boughtWith: (n: string) => `bought with ${n}`,
  popular: () => 'popular',
  discount: (p: number) => `${p}% off`,
  again: () => 'bought before',
};

const catalogue = new Map<string, CatalogueInfo>([
  ['scarf', { name: 'Scarf', category: 'accessories', price: 10 }],
  ['hat', { name: 'Hat', category: 'accessories', price: 12 }],
  ['gloves', { name: 'Gloves', category: 'accessories', price: 8 }],
  ['shirt', { name: 'Shirt', category: 'shirts', price: 30, discountPercent: 20 }],
  ['jeans', { name: 'Jeans', category: 'trousers', price: 50 }],
  ['coat', { name: 'Coat', category: 'coats', price: 120 }],
]);

describe('rerank', () => {
  it('boosts a fitting discounted item and says why', () => {
    const out = rerank(
      [
        { code: 'jeans', score: 1.0, because: 'coat' },
        { code: 'shirt', score: 0.9, because: 'coat' },
      ],
      catalogue,
      { ...DEFAULT_RERANK, lambda: 1, count: 2, purchased: new Set() },
      text,
    );
    expect(out.map((r) => r.code)).toEqual(['shirt', 'jeans']);
    expect(out[0]?.reason).toBe('bought with Coat · 20% off');
    expect(out[0]?.discountPercent).toBe(20);
  });

  it('filters or down-weights what was bought before', () => {
    const candidates = [
      { code: 'scarf', score: 1 },
      { code: 'jeans', score: 0.8 },
    ];
    const opts = { ...DEFAULT_RERANK, lambda: 1, count: 2, purchased: new Set(['scarf']) };
    expect(rerank(candidates, catalogue, { ...opts, purchasedPolicy: 'filter' }, text).map((r) => r.code)).toEqual([
      'jeans',
    ]);
    const down = rerank(candidates, catalogue, opts, text);
    expect(down.map((r) => r.code)).toEqual(['jeans', 'scarf']);
    expect(down[1]?.reason).toBe('popular · bought before');
  });

  it('spreads the list across categories', () => {
    const candidates = [
      { code: 'scarf', score: 1.0 },
      { code: 'hat', score: 0.99 },
      { code: 'gloves', score: 0.98 },
      { code: 'jeans', score: 0.9 },
      { code: 'coat', score: 0.85 },
    ];
    const relevanceOnly = rerank(
      candidates,
      catalogue,
      { ...DEFAULT_RERANK, lambda: 1, count: 3, purchased: new Set() },
      text,
    );
    expect(relevanceOnly.map((r) => r.category)).toEqual(['accessories', 'accessories', 'accessories']);
    const diverse = rerank(candidates, catalogue, { ...DEFAULT_RERANK, count: 3, purchased: new Set() }, text);
    expect(new Set(diverse.map((r) => r.category)).size).toBe(3);
    expect(diverse[0]?.code).toBe('scarf');
  });

  it('skips items no longer in the catalogue', () => {
    expect(
      rerank([{ code: 'gone', score: 5 }], catalogue, { ...DEFAULT_RERANK, count: 5, purchased: new Set() }, text),
    ).toEqual([]);
  });
});

describe('recencyWeight', () => {
  it('halves every half-life', () => {
    expect(recencyWeight(0, 30)).toBe(1);
    expect(recencyWeight(30, 30)).toBeCloseTo(0.5, 12);
    expect(recencyWeight(90, 30)).toBeCloseTo(0.125, 12);
  });
});
