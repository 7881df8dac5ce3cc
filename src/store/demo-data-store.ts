// The built-in demo shop's data: its products and a year of its sales, written and removed together. It spans two
// record kinds on purpose: one transaction loads or removes both, so a full disk never leaves half a demo shop.
import type { DemoShop } from '../core/demo/demo-shop';
import { type Database, queueAll } from './database';
import type { KeyVault } from './key-vault';
import { type ProductRow, type PurchaseRow, linkedPurchase } from './schema';

/** The ids of the demo shop's sales (made when asked: IDBKeyRange exists only once IndexedDB does). */
const demoPurchases = () => IDBKeyRange.bound('demo:', 'demo:\uffff');

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
    // All at once, not one after another: each await is a turn of the page's event loop, and on a busy tablet
    // (the counter analysing frames) thousands of turns in a row took minutes where one batch takes a moment.
    const hashes = new Map(
      await Promise.all(shop.customers.map(async (c) => [c.id, await this.vault.customerLookup(c.id)] as const)),
    );
    const now = this.db.now();
    await this.db.write(['products', 'purchases'], async (tx) => {
      // The requests are queued in the transaction together and awaited once (see above).
      const products = tx.objectStore('products');
      const productRows = shop.products.map((p): ProductRow => ({
        code: p.code,
        name: `${p.name} (${p.sizes})`,
        category: p.category,
        price: p.price,
        ...(p.discount ? { discount: p.discount } : {}),
        demo: true,
        updatedAt: now,
      }));
      const purchases = tx.objectStore('purchases');
      const purchaseRows = shop.baskets.map((b): PurchaseRow => {
        const customerLookup = b.customer ? hashes.get(b.customer) : undefined;
        return linkedPurchase({
          id: `demo:${b.invoice}`,
          invoice: b.invoice,
          at: b.at,
          items: b.items,
          ...(customerLookup ? { customerLookup } : {}),
          segment: b.segment,
          source: 'demo shop',
          demo: true,
        });
      });
      await queueAll(productRows, (r) => products.put(r));
      await queueAll(purchaseRows, (r) => purchases.put(r));
    });
    return { products: shop.products.length, purchases: shop.baskets.length };
  }

  /** Whether demo data is loaded. */
  async isLoaded(): Promise<boolean> {
    const first = await this.db.idb.get('purchases', demoPurchases());
    return first !== undefined;
  }

  /** Removes everything marked as demo data (the built-in demo shop). */
  async remove(): Promise<void> {
    await this.db.write(['products', 'purchases'], async (tx) => {
      // Demo sales are the ids under "demo:" (load() writes them so): one request, not a cursor step per sale.
      await tx.objectStore('purchases').delete(demoPurchases());
      let cursor = await tx.objectStore('products').openCursor();
      while (cursor) {
        if (cursor.value.demo) await cursor.delete();
        cursor = await cursor.continue();
      }
    });
  }
}
