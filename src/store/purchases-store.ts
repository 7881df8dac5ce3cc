// Sales: one row per invoice (imported from a sales file, entered at the counter, or the demo shop's). Customer
// ids from sales files are never stored: only their lookup hash, which links a sale to a member enrolled with the
// same loyalty id.
import type { Basket } from '../core/sales/basket-grouper';
import type { Database } from './database';
import type { KeyVault } from './key-vault';
import { type PurchaseRow, linkedPurchase } from './schema';

export type Purchase = PurchaseRow;

/** What an import wrote, so a cancelled or failed import can be undone exactly. */
export class SalesImportSession {
  /** Purchase ids this import created (not those it merely rewrote with identical content). */
  readonly created = new Set<string>();
  /** Every purchase id this import has written, to merge an invoice whose lines are split across the file. */
  readonly written = new Set<string>();
  /**
   * Rows as they were before this import replaced them with different content (a corrected export), to put back
   * on undo. Identical rewrites (the same file imported again) are not kept: nothing to restore.
   */
  readonly replaced = new Map<string, PurchaseRow>();
  purchases = 0;

  constructor(
    readonly id: string,
    readonly source: string,
  ) {}
}

/** Same sale: time, lines and customer (the fields an import writes). */
function samePurchase(a: PurchaseRow, b: PurchaseRow): boolean {
  return (
    a.at === b.at &&
    a.customerLookup === b.customerLookup &&
    a.items.length === b.items.length &&
    a.items.every((x, i) => {
      const y = b.items[i];
      return y !== undefined && x.code === y.code && x.quantity === y.quantity && x.price === y.price;
    })
  );
}

export class PurchasesStore {
  constructor(
    private readonly db: Database,
    private readonly vault: KeyVault,
  ) {}

  /**
   * Saves a batch of baskets from an import. Invoices already stored are replaced (re-importing a file does
   * not duplicate it); an invoice seen earlier in the same import is merged (its lines were split).
   */
  async saveBaskets(session: SalesImportSession, baskets: readonly Basket[]): Promise<void> {
    const hashes = new Map<string, string>();
    for (const b of baskets) {
      if (b.customer && !hashes.has(b.customer)) hashes.set(b.customer, await this.vault.customerLookup(b.customer));
    }
    await this.db.write(['purchases'], async (tx) => {
      const os = tx.objectStore('purchases');
      for (const b of baskets) {
        const id = `inv:${b.invoice}`;
        const existing = await os.get(id);
        const splitPart = existing && session.written.has(id) ? existing : undefined;
        const customerLookup = b.customer ? hashes.get(b.customer) : existing?.customerLookup;
        const row: PurchaseRow = {
          id,
          invoice: b.invoice,
          at: splitPart ? Math.min(splitPart.at, b.at) : b.at,
          items: splitPart ? [...splitPart.items, ...b.items] : b.items,
          ...(customerLookup ? { customerLookup } : {}),
          source: session.source,
        };
        if (existing && !splitPart && !session.replaced.has(id) && !samePurchase(existing, row))
          session.replaced.set(id, existing);
        await os.put(linkedPurchase(row));
        if (!existing) session.created.add(id);
        session.written.add(id);
      }
    });
    session.purchases += baskets.length;
  }

  /** Removes what an unfinished import created and puts back what it replaced with different content. */
  async undoImport(session: SalesImportSession): Promise<void> {
    const ids = [...session.created];
    for (let i = 0; i < ids.length; i += 1000) {
      const batch = ids.slice(i, i + 1000);
      await this.db.write(['purchases'], async (tx) => {
        for (const id of batch) await tx.objectStore('purchases').delete(id);
      });
    }
    const previous = [...session.replaced.values()];
    for (let i = 0; i < previous.length; i += 1000) {
      const batch = previous.slice(i, i + 1000);
      // Restoring rewrites rows of the same size as the ones there now, so it does not need more space.
      await this.db.write(['purchases'], async (tx) => {
        for (const row of batch) await tx.objectStore('purchases').put(row);
      });
    }
  }

  /** A sale recorded at the counter (staff marked "served" and entered the products). */
  async recordCounterSale(
    items: readonly { code: string; quantity: number; price: number }[],
    customerId?: string,
    segment?: string,
  ): Promise<Purchase> {
    const row: PurchaseRow = {
      id: `counter:${crypto.randomUUID()}`,
      invoice: `counter-${new Date(this.db.now()).toISOString()}`,
      at: this.db.now(),
      items,
      ...(customerId ? { customerLookup: await this.vault.customerLookup(customerId) } : {}),
      ...(segment ? { segment } : {}),
      source: 'counter',
    };
    await this.db.write(['purchases'], async (tx) => {
      await tx.objectStore('purchases').put(linkedPurchase(row));
    });
    return row;
  }

  /** Purchases in time order (the training data for item2vec). */
  async byTime(): Promise<Purchase[]> {
    return this.db.idb.getAllFromIndex('purchases', 'byTime');
  }

  /** Purchases in [from, to) linked to a customer (a member's loyalty id): one count on the byMemberTime index. */
  async countMemberBetween(from: number, to: number): Promise<number> {
    return this.db.idb.countFromIndex('purchases', 'byMemberTime', IDBKeyRange.bound(from, to, false, true));
  }

  async ofCustomer(customerId: string): Promise<Purchase[]> {
    const lookup = await this.vault.customerLookup(customerId);
    const rows = await this.db.idb.getAllFromIndex('purchases', 'byCustomer', lookup);
    return rows.sort((a, b) => a.at - b.at);
  }

  async count(): Promise<number> {
    return this.db.idb.count('purchases');
  }
}
