// The card's suggestions never include a product the shop has archived: it is no longer sold.
import { describe, expect, it } from 'vitest';
import type { Product } from '../../core/catalogue/product';
import type { Purchase } from '../../store/purchases-store';
import { ShopRecommender } from './shop-recommender';

const NOW = new Date(2026, 11, 2, 12).getTime();

function recommender(products: Product[]) {
  // Best sellers of the last weeks: A in every basket, B in most, C in some.
  const purchases: Purchase[] = Array.from({ length: 30 }, (_, i) => ({
    id: `inv:${i}`,
    invoice: String(i),
    at: NOW - (i + 1) * 3_600_000,
    items: ['A', ...(i % 3 ? ['B'] : []), ...(i % 5 ? [] : ['C'])].map((code) => ({ code, quantity: 1, price: 1 })),
    source: 'test',
  }));
  return new ShopRecommender(
    {
      products: { list: () => Promise.resolve(products) },
      purchases: { ofCustomer: () => Promise.resolve([]), byTime: () => Promise.resolve(purchases) },
    },
    { recommend: () => Promise.resolve([]) },
    { purchasedItems: () => 'down-weight', now: () => NOW },
  );
}

const product = (code: string, archived = false): Product => ({
  code,
  name: `Item ${code}`,
  category: 'misc',
  price: 5,
  ...(archived ? { archived } : {}),
});

describe('ShopRecommender', () => {
  it('suggests the shop’s best sellers, but never an archived product', async () => {
    const all = await recommender([product('A'), product('B'), product('C')]).forSegment(undefined, undefined);
    expect(all.map((r) => r.code)).toContain('A');
    const withoutA = await recommender([product('A', true), product('B'), product('C')]).forSegment(
      undefined,
      undefined,
    );
    expect(withoutA.length).toBeGreaterThan(0);
    expect(withoutA.map((r) => r.code)).not.toContain('A');
  });
});
