import { describe, expect, it } from 'vitest';
import { DuplicateProductCodeError } from './products-store';
import { openTestStore } from './test-support';

describe('ProductsStore', () => {
  it('fills the catalogue from sales without overwriting staff edits', async () => {
    const { products } = await openTestStore();
    await products.put([{ code: 'A', name: 'Scarf (edited)', category: 'Accessories', price: 10 }]);
    const added = await products.addSeen([
      { code: 'A', description: 'SCARF', lastPrice: 9 },
      { code: 'B', description: 'HAT', lastPrice: 5 },
      { code: 'C', description: '', lastPrice: Number.NaN },
    ]);
    expect(added).toBe(2);
    expect(await products.get('A')).toMatchObject({ name: 'Scarf (edited)', category: 'Accessories' });
    expect(await products.get('B')).toMatchObject({ name: 'HAT', category: '', price: 5 });
    expect(await products.get('C')).toMatchObject({ name: 'C', price: 0 });
  });

  it('gives back the product alone, and stamps when it changed itself', async () => {
    let now = 1000;
    const store = await openTestStore(undefined, () => now);
    const extra = { code: 'A', name: 'Scarf', category: 'Accessories', price: 10, shownInRow: 3 };
    await store.products.put([extra]);
    expect(await store.products.list()).toEqual([{ code: 'A', name: 'Scarf', category: 'Accessories', price: 10 }]);
    now = 2000;
    const discount = { percent: 20, from: '2026-12-01', to: '2026-12-31' };
    await store.products.put([{ code: 'A', name: 'Scarf', category: 'Accessories', price: 10, discount }]);
    expect(await store.products.get('A')).toEqual({
      code: 'A',
      name: 'Scarf',
      category: 'Accessories',
      price: 10,
      discount,
    });
    expect((await store.database.idb.get('products', 'A'))?.updatedAt).toBe(2000);
    await store.products.delete('A');
    expect(await store.products.list()).toEqual([]);
  });

  it('adds a product by hand only under a code not taken', async () => {
    const { products } = await openTestStore();
    await products.add({ code: 'H1', name: 'Hat', category: 'Accessories', price: 12 });
    await expect(products.add({ code: 'H1', name: 'Other hat', category: 'x', price: 1 })).rejects.toBeInstanceOf(
      DuplicateProductCodeError,
    );
    expect((await products.list()).map((p) => p.name)).toEqual(['Hat']);
  });

  it('keeps a product archived when the catalogue file is imported again, until staff restore it', async () => {
    const { products } = await openTestStore();
    const scarf = { code: 'A', name: 'Scarf', category: 'Accessories', price: 10 };
    await products.put([scarf]);
    await products.put([{ ...scarf, archived: true }]);
    await products.put([{ ...scarf, price: 11 }]); // the catalogue CSV again, with a new price
    expect(await products.get('A')).toEqual({ ...scarf, price: 11, archived: true });
    await products.put([{ ...scarf, archived: false }]);
    expect(await products.get('A')).toEqual(scarf);
  });
});
