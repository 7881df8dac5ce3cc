// Sales and the catalogue: every change is announced (a counter sale waits for the listeners), imports are
// stored batch by batch and undone when they fail, counter sales are priced and linked to the member served.
import { describe, expect, it } from 'vitest';
import { Observable } from '../../core/observable';
import type { Member } from '../../core/members/member';
import type { Basket } from '../../core/sales/basket-grouper';
import { type SalesImportReport, type SurveyOptions, surveySales } from '../../core/sales/import-sales';
import { detectColumns } from '../../core/sales/columns';
import type { ImportSink } from '../../shared/retail-api';
import { profile } from '../../store/test-support';
import { SalesService } from './sales-service';
import { unlockedStore } from './test-support';

const basket = (invoice: string, customer = ''): Basket => ({
  invoice,
  at: 1_700_000_000_000,
  customer,
  items: [{ code: 'A1', quantity: 1, price: 5 }],
});

/** A retail worker that sends `baskets` in one batch, then reports (or fails with `failWith`). */
function fakeClient(baskets: Basket[], failWith?: Error) {
  return {
    previewCsv: () => Promise.resolve([['Invoice', 'StockCode']]),
    // The survey is the real one (it stores nothing); the worker would run the same function.
    surveySales: (_job: string, f: Blob, options: SurveyOptions) => surveySales(f.stream(), options),
    importSales: async (_job: string, _file: File, _options: unknown, sink: ImportSink) => {
      await sink.onBaskets(baskets);
      sink.onProgress({ bytesRead: 10, totalBytes: 10, rows: baskets.length });
      if (failWith) throw failWith;
      return {
        accepted: baskets.length,
        rejected: 0,
        products: [{ code: 'A1', description: 'Scarf', lastPrice: 5 }],
      } as unknown as SalesImportReport;
    },
  };
}

async function sales(client = fakeClient([]), locale = 'en-GB') {
  const store = await unlockedStore();
  const ada = { ...profile('Ada', 'L-1'), id: 'm1', createdAt: 0, enrolledFrom: 'camera' } as Member;
  const members = { members: new Observable<ReadonlyMap<string, Member>>(new Map([['m1', ada]])) };
  const service = new SalesService({ ...store, client, members, locale: () => locale, currency: () => 'GBP' });
  const changes: string[] = [];
  service.onChange(async () => {
    await Promise.resolve();
    changes.push('changed');
  });
  return { store, service, changes };
}

const file = new File(['x'], 'sales.csv');

describe('SalesService', () => {
  it('announces catalogue changes', async () => {
    const { service, changes } = await sales();
    await service.putProducts([{ code: 'A1', name: 'Scarf', category: 'accessories', price: 12 }]);
    await new Promise((r) => setTimeout(r, 0));
    expect(changes).toEqual(['changed']);
    expect((await service.listProducts()).map((p) => p.name)).toEqual(['Scarf']);
  });

  it('stores an imported file, adds the products it names, and announces it', async () => {
    const { store, service, changes } = await sales(fakeClient([basket('1'), basket('2', 'L-1')]));
    const progress: number[] = [];
    const outcome = await service.importSales(
      file,
      { mapping: {} as never, rules: { dateOrder: 'dmy', cancelPrefix: '' } },
      { onProgress: (p) => progress.push(p.bytesRead) },
    );
    expect(outcome).toMatchObject({ purchasesSaved: 2, purchasesNew: 2, productsAdded: 1 });
    expect(progress).toEqual([10]);
    expect(await store.purchases.count()).toBe(2);
    expect((await store.imports.list()).map((i) => i.name)).toEqual(['sales.csv']);
    await new Promise((r) => setTimeout(r, 0));
    expect(changes).toEqual(['changed']);
    expect(await service.previewCsv(file, 2)).toEqual([['Invoice', 'StockCode']]);
  });

  it('proposes day or month first from the shop’s locale when every date in the file could be either', async () => {
    const csv = new File(['Invoice,StockCode,Quantity,InvoiceDate\n1,A1,1,03/04/2026\n2,B2,1,05/06/2026\n'], 's.csv');
    const mapping = detectColumns(['Invoice', 'StockCode', 'Quantity', 'InvoiceDate']);
    const uk = (await sales(fakeClient([]), 'en-GB')).service;
    const us = (await sales(fakeClient([]), 'en-US')).service;
    expect((await uk.surveySales(csv, mapping)).proposed.dateOrder).toEqual({
      order: 'dmy',
      basis: 'unclear',
      misfits: 0,
    });
    expect((await us.surveySales(csv, mapping)).proposed.dateOrder).toEqual({
      order: 'mdy',
      basis: 'unclear',
      misfits: 0,
    });
  });

  it('undoes a failed import and announces nothing', async () => {
    const { store, service, changes } = await sales(fakeClient([basket('1')], new Error('disk full')));
    await expect(
      service.importSales(file, { mapping: {} as never, rules: { dateOrder: 'dmy', cancelPrefix: '' } }),
    ).rejects.toThrow('disk full');
    expect(await store.purchases.count()).toBe(0);
    expect(changes).toEqual([]);
  });

  it('prices a counter sale from the catalogue, links it to the member, and waits for the listeners', async () => {
    const { store, service, changes } = await sales();
    await store.products.put([
      { code: 'A1', name: 'Scarf', category: 'accessories', price: 12 },
      { code: 'B2', name: 'Mug', category: 'home', price: 4 },
      {
        code: 'C3',
        name: 'Gloves',
        category: 'accessories',
        price: 9.99,
        discount: { percent: 15, from: '2000-01-01', to: '2999-12-31' },
      },
      {
        code: 'D4',
        name: 'Hat',
        category: 'accessories',
        price: 20,
        discount: { percent: 50, from: '2000-01-01', to: '2001-01-01' },
      },
    ]);
    await service.recordCounterSale(
      [
        { code: 'A1', quantity: 2 },
        { code: 'C3', quantity: 1 },
        { code: 'D4', quantity: 1 },
      ],
      { memberId: 'm1' },
    );
    expect(changes).toEqual(['changed']);
    const [sale] = await store.purchases.ofCustomer('L-1');
    // The gloves' discount is in force today (9.99 less 15 % is 8.49); the hat's ended long ago.
    expect(sale?.items).toEqual([
      { code: 'A1', quantity: 2, price: 12 },
      { code: 'C3', quantity: 1, price: 8.49 },
      { code: 'D4', quantity: 1, price: 20 },
    ]);
    await service.recordCounterSale([{ code: 'B2', quantity: 1 }], { ageBand: '30-39', gender: 'female' });
    expect((await store.purchases.byTime()).map((p) => p.segment)).toContain('30-39|female');
    await service.recordCounterSale([{ code: 'B2', quantity: 1 }], { memberId: 'm1' });
    expect(await service.favouriteCategories('L-1')).toEqual(['accessories', 'home']);
  });

  it('adds a product by hand with a message staff can act on when it cannot', async () => {
    const { service } = await sales();
    await service.addProduct({ code: ' H1 ', name: 'Hat', category: 'accessories', price: 12 });
    expect((await service.listProducts()).map((p) => p.code)).toEqual(['H1']);
    await expect(service.addProduct({ code: 'H1', name: 'Hat 2', category: 'x', price: 1 })).rejects.toThrow(
      'A product with code H1 already exists',
    );
    await expect(service.addProduct({ code: 'H2', name: 'Hat 2', category: 'x', price: -1 })).rejects.toThrow(
      'The price must be an amount of 0 or more.',
    );
    await expect(service.addProduct({ code: ' ', name: 'Hat 2', category: 'x', price: 1 })).rejects.toThrow(
      'A product needs a code and a name.',
    );
  });
});
