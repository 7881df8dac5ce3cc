// The built-in demo shop's data: its products and a year of its sales, written and removed together. It spans two
// record kinds on purpose: one transaction loads or removes both, so a full disk never leaves half a demo shop.
import type { DemoShop } from '../core/demo/demo-shop';
import type { Database } from './database';
import type { KeyVault } from './key-vault';
import { type ProductRow, type PurchaseRow, linkedPurchase } from './schema';

export class DemoDataStore {
  constructor(
    private readonly db: Database,
    private readonly vault: KeyVault,
  ) {}

  /**
   * Writes the built-in demo shop (products and a year of baskets, all marked as demo data so one button removes
   * them). Loading it twice replaces the first copy. One transaction: a full disk leaves nothing half-loaded.
   */
  async load(shop: DemoShop): Promise<{ products: number; purchases: number }> {
    const hashes = new Map<string, string>();
    for (const c of shop.customers) hashes.set(c.id, await this.vault.customerLookup(c.id));
    const now = this.db.now();
    await this.db.write(['products', 'purchases'], async (tx) => {
      const products = tx.objectStore('products');
      for (const p of shop.products) {
        const row: ProductRow = {
          code: p.code,
          name: `${p.name} (${p.sizes})`,
          category: p.category,
          price: p.price,
          ...(p.discount ? { discount: p.discount } : {}),
          demo: true,
          updatedAt: now,
        };
        await products.put(row);
      }
      const purchases = tx.objectStore('purchases');
      for (const b of shop.baskets) {
        const customerLookup = b.customer ? hashes.get(b.customer) : undefined;
        const row: PurchaseRow = {
          id: `demo:${b.invoice}`,
          invoice: b.invoice,
          at: b.at,
          items: b.items,
          ...(customerLookup ? { customerLookup } : {}),
          segment: b.segment,
          source: 'demo shop',
          demo: true,
        };
        await purchases.put(linkedPurchase(row));
      }
    });
    return { products: shop.products.length, purchases: shop.baskets.length };
  }

  /** Whether demo data is loaded. */
  async isLoaded(): Promise<boolean> {
    const first = await this.db.idb.get('purchases', IDBKeyRange.bound('demo:', 'demo:\uffff'));
    return first !== undefined;
  }

  /** Removes everything marked as demo data (the built-in demo shop). */
  async remove(): Promise<void> {
    await this.db.write(['products', 'purchases'], async (tx) => {
      for (const name of ['products', 'purchases'] as const) {
        let cursor = await tx.objectStore(name).openCursor();
        while (cursor) {
          if (cursor.value.demo) await cursor.delete();
          cursor = await cursor.continue();
        }
      }
    });
  }
}
