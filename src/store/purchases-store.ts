// Sales: one row per invoice (imported from a sales file, entered at the counter, or the demo shop's). Customer
// ids from sales files are never stored: only their lookup hash, which links a sale to a member enrolled with the
// same loyalty id.
import type { Basket } from '../core/sales/basket-grouper';
import { DuplicateReceiptError } from '../core/sales/duplicate-receipt';
import type { Database } from './database';
import type { KeyVault } from './key-vault';
import { type PurchaseRow, linkedPurchase } from './schema';
import { strings } from '../i18n/strings';

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
  /** Invoices not written because the same sale is already stored: from an earlier import, or at the counter. */
  readonly skipped = { imported: 0, counter: 0 };
  /** Invoices already stored with other lines, replaced by the file's (a corrected export, or the till's record). */
  corrected = 0;

  constructor(
    readonly id: string,
    readonly source: string,
  ) {}
}

/** The same lines (product and quantity, in any order): what a counter sale and the till's record share. */
function sameLines(a: PurchaseRow['items'], b: PurchaseRow['items']): boolean {
  const key = (items: PurchaseRow['items']) =>
    items
      .map((i) => `${i.code}\u0000${i.quantity}`)
      .sort()
      .join('\u0001');
  return key(a) === key(b);
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

/** A sale that counts: not voided. */
const counts = (p: PurchaseRow): boolean => p.voidedAt === undefined;

export class PurchasesStore {
  constructor(
    private readonly db: Database,
    private readonly vault: KeyVault,
  ) {}

  /**
   * Saves a batch of baskets from an import. A sale already stored is not imported twice: an invoice stored with
   * the same content (the same file imported again), or a counter sale staff gave the till's receipt number with
   * the same lines, is skipped and counted. An invoice stored with other lines is replaced (a corrected export;
   * a counter sale keeps its member or segment). An invoice seen earlier in the same import is merged (its lines
   * were split).
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
          ...(existing?.segment ? { segment: existing.segment } : {}),
          source: session.source,
        };
        if (existing && !splitPart) {
          const atCounter = existing.source === 'counter';
          if (atCounter ? sameLines(existing.items, row.items) : samePurchase(existing, row)) {
            // Later lines of the same invoice in this file still merge into what is stored.
            session.written.add(id);
            session.skipped[atCounter ? 'counter' : 'imported']++;
            continue;
          }
          if (!session.replaced.has(id)) {
            session.replaced.set(id, existing);
            session.corrected++;
          }
        }
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

  /**
   * A sale recorded at the counter (staff marked "served" and entered the products). With the till's receipt
   * number it is stored under that invoice, so importing the till's export later does not count it twice.
   */
  async recordCounterSale(
    items: readonly { code: string; quantity: number; price: number }[],
    customerId?: string,
    segment?: string,
    receipt?: string,
  ): Promise<Purchase> {
    const number = receipt?.trim();
    const row: PurchaseRow = {
      id: number ? `inv:${number}` : `counter:${crypto.randomUUID()}`,
      invoice: number || `counter-${new Date(this.db.now()).toISOString()}`,
      at: this.db.now(),
      items,
      ...(customerId ? { customerLookup: await this.vault.customerLookup(customerId) } : {}),
      ...(segment ? { segment } : {}),
      source: 'counter',
    };
    await this.db.write(['purchases'], async (tx) => {
      const os = tx.objectStore('purchases');
      if (number && (await os.get(row.id))) throw new DuplicateReceiptError(number);
      await os.put(linkedPurchase(row));
    });
    return row;
  }

  /**
   * Voids a sale: it is kept and marked, and from then on counts nowhere (training, figures, the member's
   * history). Audited in the same transaction. Voiding a voided sale changes nothing.
   */
  async voidSale(id: string): Promise<Purchase> {
    let voided: PurchaseRow | undefined;
    await this.db.write(['purchases', 'audit'], async (tx) => {
      const row = await tx.objectStore('purchases').get(id);
      if (!row) throw new Error(strings.errors.saleGone);
      if (row.voidedAt !== undefined) {
        voided = row;
        return;
      }
      voided = linkedPurchase({ ...row, voidedAt: this.db.now() });
      await tx.objectStore('purchases').put(voided);
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'sale.voided', subject: id });
    });
    return voided as PurchaseRow;
  }

  /** Sales that count (not voided), in time order: the training data for the recommender. */
  async byTime(): Promise<Purchase[]> {
    return (await this.db.idb.getAllFromIndex('purchases', 'byTime')).filter(counts);
  }

  /** Sales that count (not voided) made in [from, to), by the time index. */
  async between(from: number, to: number): Promise<Purchase[]> {
    const rows = await this.db.idb.getAllFromIndex('purchases', 'byTime', IDBKeyRange.bound(from, to, false, true));
    return rows.filter(counts);
  }

  /**
   * One page of the sales list, newest first, voided ones included (marked): the `limit` sales after the first
   * `offset` that `keep` accepts. Walks the time index, so a page costs the sales before it, never the whole store.
   */
  async newestFirst(page: { offset: number; limit: number; keep?: (p: Purchase) => boolean }): Promise<Purchase[]> {
    const { offset, limit, keep = () => true } = page;
    const out: Purchase[] = [];
    let skipped = 0;
    let cursor = await this.db.idb.transaction('purchases').store.index('byTime').openCursor(null, 'prev');
    while (cursor && out.length < limit) {
      if (keep(cursor.value)) {
        if (skipped < offset) skipped++;
        else out.push(cursor.value);
      }
      cursor = await cursor.continue();
    }
    return out;
  }

  /**
   * Purchases in [from, to), not voided, by enrolled members: those whose customer id is a member's loyalty number.
   * A sales file links sales to every customer id it carries, members or not; only a member's count here.
   */
  async countMemberBetween(from: number, to: number): Promise<number> {
    const tx = this.db.idb.transaction(['members', 'purchases']);
    const members = new Set<string>();
    for (let c = await tx.objectStore('members').index('byLoyalty').openKeyCursor(); c; c = await c.continue())
      members.add(c.key);
    if (!members.size) return 0;
    const linked = await tx
      .objectStore('purchases')
      .index('byMemberTime')
      .getAll(IDBKeyRange.bound(from, to, false, true));
    return linked.filter((p) => p.customerLookup !== undefined && members.has(p.customerLookup)).length;
  }

  /** The lookup hash a customer id is stored under (to find a member's sales in the list). */
  lookupOf(customerId: string): Promise<string> {
    return this.vault.customerLookup(customerId);
  }

  async ofCustomer(customerId: string): Promise<Purchase[]> {
    const lookup = await this.vault.customerLookup(customerId);
    const rows = await this.db.idb.getAllFromIndex('purchases', 'byCustomer', lookup);
    return rows.filter(counts).sort((a, b) => a.at - b.at);
  }

  async count(): Promise<number> {
    return this.db.idb.count('purchases');
  }
}
