import { describe, expect, it } from 'vitest';
import { generateDemoShop } from '../core/demo/demo-shop';
import { StoreFullError } from './errors';
import { SalesImportSession } from './purchases-store';
import { fillDiskAt, openTestStore } from './test-support';

const shop = generateDemoShop({ now: Date.UTC(2026, 11, 1), customers: 20, basketsPerDay: 2 });

async function setup() {
  const store = await openTestStore();
  await store.vault.setUp('a good passphrase');
  return store;
}

describe('DemoDataStore', () => {
  it('loads the demo shop once however often it is loaded, and links its customers by hash only', async () => {
    const store = await setup();
    expect(await store.demoData.isLoaded()).toBe(false);
    const loaded = await store.demoData.load(shop);
    await store.demoData.load(shop);
    expect(loaded).toEqual({ products: shop.products.length, purchases: shop.baskets.length });
    expect(await store.demoData.isLoaded()).toBe(true);
    expect(await store.products.list()).toHaveLength(shop.products.length);
    expect(await store.purchases.count()).toBe(shop.baskets.length);
    const customer = shop.baskets.find((b) => b.customer)?.customer ?? '';
    expect((await store.purchases.ofCustomer(customer)).length).toBeGreaterThan(0);
    expect(JSON.stringify(await store.database.idb.getAll('purchases'))).not.toContain(customer);
  });

  it('removes the demo shop, even products staff edited, and keeps the shop’s own products and sales', async () => {
    const store = await setup();
    await store.demoData.load(shop);
    const first = shop.products[0];
    if (!first) throw new Error('the demo shop has no products');
    await store.products.put([{ code: first.code, name: 'Edited', category: first.category, price: 1 }]);
    await store.products.put([{ code: 'OWN-1', name: 'Own', category: 'Own', price: 3 }]);
    const own = new SalesImportSession('imp', 'own.csv');
    await store.purchases.saveBaskets(own, [
      { invoice: 'own-1', at: 5, customer: '', items: [{ code: 'OWN-1', quantity: 1, price: 3 }] },
    ]);
    await store.demoData.remove();
    expect(await store.demoData.isLoaded()).toBe(false);
    expect((await store.products.list()).map((p) => p.code)).toEqual(['OWN-1']);
    expect((await store.purchases.byTime()).map((p) => p.invoice)).toEqual(['own-1']);
  });

  it('a disk that fills up while loading leaves no half-loaded demo shop', async () => {
    const store = await setup();
    const restore = fillDiskAt('put', 'purchases', 50);
    try {
      await expect(store.demoData.load(shop)).rejects.toBeInstanceOf(StoreFullError);
    } finally {
      restore();
    }
    expect(await store.demoData.isLoaded()).toBe(false);
    expect(await store.products.list()).toEqual([]);
    expect(await store.purchases.count()).toBe(0);
  });
});
