import { describe, expect, it } from 'vitest';
import type { Basket } from '../core/sales/basket-grouper';
import { StoreFullError } from './errors';
import { SalesImportSession } from './purchases-store';
import { fillDiskAt, openTestStore, profile } from './test-support';

const basket = (invoice: string, codes: string[], customer = '', at = 1000): Basket => ({
  invoice,
  at,
  customer,
  items: codes.map((code) => ({ code, quantity: 1, price: 2 })),
});

async function setup() {
  const store = await openTestStore();
  await store.vault.setUp('a good passphrase');
  return { store, purchases: store.purchases };
}

describe('PurchasesStore', () => {
  it('re-importing the same baskets does not duplicate them', async () => {
    const { purchases } = await setup();
    const first = new SalesImportSession('imp1', 'sales.csv');
    await purchases.saveBaskets(first, [basket('1', ['A', 'B']), basket('2', ['C'])]);
    const again = new SalesImportSession('imp2', 'sales.csv');
    await purchases.saveBaskets(again, [basket('1', ['A', 'B']), basket('2', ['C'])]);
    expect(await purchases.count()).toBe(2);
    expect(again.created.size).toBe(0);
    // Identical rewrites keep no copy for undo (a re-imported 200 MB file must not be held in memory).
    expect(again.replaced.size).toBe(0);
  });

  it('merges an invoice split across one import', async () => {
    const { purchases } = await setup();
    const s = new SalesImportSession('imp1', 'sales.csv');
    await purchases.saveBaskets(s, [basket('1', ['A'])]);
    await purchases.saveBaskets(s, [basket('2', ['B']), basket('1', ['C'])]);
    const rows = await purchases.byTime();
    expect(rows.find((r) => r.invoice === '1')?.items.map((i) => i.code)).toEqual(['A', 'C']);
  });

  it('undoes exactly what an unfinished import created', async () => {
    const { purchases } = await setup();
    await purchases.saveBaskets(new SalesImportSession('old', 'a.csv'), [basket('1', ['A'])]);
    const s = new SalesImportSession('new', 'b.csv');
    await purchases.saveBaskets(s, [basket('1', ['A']), basket('9', ['Z'])]);
    await purchases.undoImport(s);
    expect((await purchases.byTime()).map((r) => r.invoice)).toEqual(['1']);
  });

  it('a disk that fills up at the third batch of an import leaves the shop data exactly as before the file', async () => {
    const { purchases } = await setup();
    await purchases.saveBaskets(new SalesImportSession('old', 'a.csv'), [basket('1', ['A'])]);
    const s = new SalesImportSession('new', 'big.csv');
    await purchases.saveBaskets(s, [basket('10', ['A']), basket('11', ['B'])]);
    await purchases.saveBaskets(s, [basket('12', ['C']), basket('1', ['D'])]); // also adds to a known invoice
    const restore = fillDiskAt('put', 'purchases', 2);
    try {
      await expect(purchases.saveBaskets(s, [basket('13', ['E']), basket('14', ['F'])])).rejects.toBeInstanceOf(
        StoreFullError,
      );
    } finally {
      restore();
    }
    // What the importer does on any failure: undo what this file stored.
    await purchases.undoImport(s);
    const rows = await purchases.byTime();
    expect(rows.map((r) => r.invoice)).toEqual(['1']);
    expect(rows[0]?.items.map((i) => i.code)).toEqual(['A']);
  });

  it('links purchases to a member by loyalty id without storing the id', async () => {
    const { store, purchases } = await setup();
    await store.members.addMember(profile('Member', '13085'), []);
    const s = new SalesImportSession('imp', 'sales.csv');
    await purchases.saveBaskets(s, [
      basket('1', ['A'], '13085', 5),
      basket('2', ['B'], '99999', 6),
      basket('3', ['C'], '13085', 7),
    ]);
    expect((await purchases.ofCustomer('13085')).map((p) => p.invoice)).toEqual(['1', '3']);
    const raw = JSON.stringify(await store.database.idb.getAll('purchases'));
    expect(raw).not.toContain('13085');
  });

  it('counts purchases linked to customers in a time range, and stops counting a sale once it is unlinked', async () => {
    const { store, purchases } = await setup();
    const member = await store.members.addMember(profile('Member', '13085'), []);
    const s = new SalesImportSession('imp', 'sales.csv');
    await purchases.saveBaskets(s, [
      basket('1', ['A'], '13085', 5),
      basket('2', ['B'], '', 6),
      basket('3', ['C'], '77', 50),
    ]);
    expect(await purchases.countMemberBetween(0, 10)).toBe(1);
    expect(await purchases.countMemberBetween(0, 100)).toBe(2);
    await store.members.eraseMember(member.id, 'staff');
    expect(await purchases.countMemberBetween(0, 10)).toBe(0);
  });
});
