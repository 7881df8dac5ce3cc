import { describe, expect, it } from 'vitest';
import type { Basket } from '../core/sales/basket-grouper';
import { DuplicateReceiptError } from '../core/sales/duplicate-receipt';
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
    expect(again.skipped).toEqual({ imported: 2, counter: 0 });
    expect(again.corrected).toBe(0);
    // Skipped sales keep no copy for undo (a re-imported 200 MB file must not be held in memory).
    expect(again.replaced.size).toBe(0);
  });

  it('an invoice stored with other lines is replaced by the file’s, and counted as corrected', async () => {
    const { purchases } = await setup();
    await purchases.saveBaskets(new SalesImportSession('imp1', 'a.csv'), [basket('1', ['A'])]);
    const fixed = new SalesImportSession('imp2', 'a-fixed.csv');
    await purchases.saveBaskets(fixed, [basket('1', ['A', 'B'])]);
    expect(fixed.corrected).toBe(1);
    expect((await purchases.byTime())[0]?.items.map((i) => i.code)).toEqual(['A', 'B']);
  });

  it('a counter sale with the till’s receipt number is not imported again from the till’s export', async () => {
    const { purchases } = await setup();
    const items = [
      { code: 'B', quantity: 2, price: 9.99 },
      { code: 'A', quantity: 1, price: 4.5 },
    ];
    await purchases.recordCounterSale(items, 'L-7', undefined, ' 5501 ');
    const till = new SalesImportSession('imp', 'till.csv');
    // The till lists the lines in its own order and at its own prices; the products and quantities are the same.
    await purchases.saveBaskets(till, [
      {
        invoice: '5501',
        at: 2000,
        customer: '',
        items: [
          { code: 'A', quantity: 1, price: 4.5 },
          { code: 'B', quantity: 2, price: 9.5 },
        ],
      },
    ]);
    expect(till.skipped).toEqual({ imported: 0, counter: 1 });
    const rows = await purchases.byTime();
    expect(rows).toHaveLength(1);
    // The counter's record stays, with its link to the member.
    expect(rows[0]).toMatchObject({ source: 'counter', invoice: '5501' });
    expect(await purchases.ofCustomer('L-7')).toHaveLength(1);
  });

  it('a voided sale is kept and marked, audited, and counts nowhere: training, figures, the member’s history', async () => {
    const { store, purchases } = await setup();
    await store.members.addMember(profile('Member', 'L-9'), []);
    const sale = await purchases.recordCounterSale([{ code: 'A', quantity: 1, price: 3 }], 'L-9');
    await purchases.recordCounterSale([{ code: 'B', quantity: 1, price: 3 }], 'L-9');
    expect(await purchases.countMemberBetween(0, Infinity)).toBe(2);
    await purchases.voidSale(sale.id);
    await purchases.voidSale(sale.id); // twice: no second audit entry
    expect((await purchases.byTime()).map((p) => p.items[0]?.code)).toEqual(['B']);
    expect((await purchases.ofCustomer('L-9')).map((p) => p.items[0]?.code)).toEqual(['B']);
    expect(await purchases.countMemberBetween(0, Infinity)).toBe(1);
    const listed = await purchases.newestFirst({ offset: 0, limit: 10 });
    expect(listed).toHaveLength(2);
    expect(listed.find((p) => p.id === sale.id)?.voidedAt).toBeTypeOf('number');
    expect((await store.audit.list()).filter((a) => a.action === 'sale.voided').map((a) => a.subject)).toEqual([
      sale.id,
    ]);
  });

  it('lists sales newest first, a page at a time, with a filter', async () => {
    const { purchases } = await setup();
    const s = new SalesImportSession('imp', 'a.csv');
    await purchases.saveBaskets(
      s,
      Array.from({ length: 7 }, (_, i) => basket(String(i), [i % 2 ? 'ODD' : 'EVEN'], '', 1000 + i)),
    );
    const page = (offset: number) => purchases.newestFirst({ offset, limit: 3 });
    expect((await page(0)).map((p) => p.invoice)).toEqual(['6', '5', '4']);
    expect((await page(3)).map((p) => p.invoice)).toEqual(['3', '2', '1']);
    expect((await page(6)).map((p) => p.invoice)).toEqual(['0']);
    const odd = await purchases.newestFirst({
      offset: 1,
      limit: 5,
      keep: (p) => p.items.some((i) => i.code === 'ODD'),
    });
    expect(odd.map((p) => p.invoice)).toEqual(['3', '1']);
  });

  it('a receipt number already recorded is refused, and the first sale stays', async () => {
    const { purchases } = await setup();
    await purchases.recordCounterSale([{ code: 'A', quantity: 1, price: 1 }], undefined, undefined, '77');
    await expect(
      purchases.recordCounterSale([{ code: 'B', quantity: 1, price: 1 }], undefined, undefined, '77'),
    ).rejects.toBeInstanceOf(DuplicateReceiptError);
    expect((await purchases.byTime()).map((r) => r.items[0]?.code)).toEqual(['A']);
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

  it('counts purchases by members in a time range (not by other customers), and stops once a member is erased', async () => {
    const { store, purchases } = await setup();
    const member = await store.members.addMember(profile('Member', '13085'), []);
    const s = new SalesImportSession('imp', 'sales.csv');
    await purchases.saveBaskets(s, [
      basket('1', ['A'], '13085', 5),
      basket('2', ['B'], '', 6),
      basket('3', ['C'], '77', 50),
    ]);
    // Customer 77 is in the file but not a member: not a member's purchase.
    expect(await purchases.countMemberBetween(0, 10)).toBe(1);
    expect(await purchases.countMemberBetween(0, 100)).toBe(1);
    await store.members.addMember(profile('Later member', '77'), []);
    expect(await purchases.countMemberBetween(0, 100)).toBe(2);
    await store.members.eraseMember(member.id);
    expect(await purchases.countMemberBetween(0, 10)).toBe(0);
  });
});
