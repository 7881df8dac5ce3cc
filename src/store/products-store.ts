// The catalogue: one row per product code. The app passes products around as the core `Product`; the row adds
// only bookkeeping (when it changed, whether it is demo data), which this repository stamps itself.
import type { Product } from '../core/catalogue/product';
import type { Database } from './database';
import type { ProductRow } from './schema';

/** A product added by hand with a code the catalogue already has. */
export class DuplicateProductCodeError extends Error {
  constructor(readonly code: string) {
    super(`A product with code ${code} already exists.`);
    this.name = 'DuplicateProductCodeError';
  }
}

/** A product first seen in a sales file: what the file says about it. */
export interface ProductSeen {
  readonly code: string;
  readonly description: string;
  readonly lastPrice: number;
}

export class ProductsStore {
  constructor(private readonly db: Database) {}

  async list(): Promise<Product[]> {
    return (await this.db.idb.getAll('products')).map(toProduct);
  }

  async get(code: string): Promise<Product | undefined> {
    const row = await this.db.idb.get('products', code);
    return row && toProduct(row);
  }

  /**
   * Saves catalogue entries (an imported catalogue, a hand edit, a discount). A demo product stays demo data when
   * edited, so removing the demo shop still removes it; an archived product stays archived unless the entry says
   * otherwise (`archived: false`), so importing the catalogue file again does not bring it back.
   */
  async put(products: readonly Product[]): Promise<void> {
    const updatedAt = this.db.now();
    await this.db.write(['products'], async (tx) => {
      const os = tx.objectStore('products');
      for (const p of products) {
        const before = await os.get(p.code);
        const archived = p.archived ?? before?.archived ?? false;
        await os.put({
          ...toProduct({ ...p, archived }),
          ...(before?.demo ? { demo: true } : {}),
          updatedAt,
        });
      }
    });
  }

  /** Adds a product entered by hand; refused when its code is taken (codes are unique: sales name them). */
  async add(product: Product): Promise<void> {
    await this.db.write(['products'], async (tx) => {
      const os = tx.objectStore('products');
      if (await os.getKey(product.code)) throw new DuplicateProductCodeError(product.code);
      await os.put({ ...toProduct(product), updatedAt: this.db.now() });
    });
  }

  async delete(code: string): Promise<void> {
    await this.db.write(['products'], async (tx) => {
      await tx.objectStore('products').delete(code);
    });
  }

  /**
   * Adds products first seen in a sales file. Existing catalogue entries keep their name, category, price and
   * discount: the catalogue is the staff's, a sales file only fills gaps.
   */
  async addSeen(seen: readonly ProductSeen[]): Promise<number> {
    let added = 0;
    await this.db.write(['products'], async (tx) => {
      const os = tx.objectStore('products');
      for (const s of seen) {
        if (await os.getKey(s.code)) continue;
        await os.put({
          code: s.code,
          name: s.description || s.code,
          category: '',
          price: Number.isFinite(s.lastPrice) ? s.lastPrice : 0,
          updatedAt: this.db.now(),
        });
        added++;
      }
    });
    return added;
  }
}

/** The product without the row's bookkeeping (and without any extra fields a caller's object carried). */
function toProduct(p: Product | ProductRow): Product {
  return {
    code: p.code,
    name: p.name,
    category: p.category,
    price: p.price,
    ...(p.discount ? { discount: p.discount } : {}),
    ...(p.archived ? { archived: true } : {}),
  };
}
