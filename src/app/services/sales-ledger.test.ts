// The sales ledger: sales narrowed by day, product and member, a day's takings without voided sales, and an
// export that names nobody.
import { describe, expect, it } from 'vitest';
import type { Member } from '../../core/members/member';
import { Observable } from '../../core/observable';
import { profile } from '../../store/test-support';
import { SalesLedger } from './sales-ledger';
import { unlockedStore } from './test-support';

const DAY1 = new Date(2026, 10, 30, 10).getTime();
const DAY2 = new Date(2026, 11, 1, 15).getTime();

async function ledgerWithSales() {
  let now = DAY1;
  // A minute between sales, so "newest first" has one answer.
  const store = await unlockedStore(() => (now += 60_000));
  const ada = { ...profile('Ada Lovelace', 'L-1'), id: 'm1', createdAt: 0, enrolledFrom: 'camera' } as Member;
  const members = { members: new Observable<ReadonlyMap<string, Member>>(new Map([['m1', ada]])) };
  await store.products.put([
    { code: 'S1', name: 'Wool scarf', category: 'accessories', price: 19.99 },
    { code: 'M1', name: 'Mug', category: 'home', price: 6.5 },
  ]);
  const scarf = await store.purchases.recordCounterSale([{ code: 'S1', quantity: 1, price: 16.99 }], 'L-1');
  await store.purchases.recordCounterSale([{ code: 'M1', quantity: 2, price: 6.5 }]);
  now = DAY2;
  const mistake = await store.purchases.recordCounterSale(
    [{ code: 'M1', quantity: 9, price: 6.5 }],
    undefined,
    undefined,
    '5501',
  );
  await store.purchases.recordCounterSale(
    [
      { code: 'S1', quantity: 1, price: 19.99 },
      { code: 'M1', quantity: 1, price: 6.5 },
    ],
    'L-1',
  );
  await store.purchases.voidSale(mistake.id);
  const ledger = new SalesLedger({
    products: store.products,
    purchases: store.purchases,
    members,
    currency: () => 'GBP',
  });
  return { ledger, scarf };
}

describe('SalesLedger', () => {
  it('lists sales newest first with names, totals and the member, voided ones marked', async () => {
    const { ledger } = await ledgerWithSales();
    const all = await ledger.listSales({}, 0, 10);
    expect(all.map((e) => [e.total, e.memberName, e.voided])).toEqual([
      [26.49, 'Ada Lovelace', false],
      [58.5, undefined, true],
      [13, undefined, false],
      [16.99, 'Ada Lovelace', false],
    ]);
    expect(all[0]?.lines.map((l) => l.name)).toEqual(['Wool scarf', 'Mug']);
    expect((await ledger.listSales({}, 1, 2)).map((e) => e.total)).toEqual([58.5, 13]);
  });

  it('narrows to a day, a product (code or part of its name), or a member', async () => {
    const { ledger, scarf } = await ledgerWithSales();
    expect((await ledger.listSales({ day: '2026-11-30' }, 0, 10)).map((e) => e.total)).toEqual([13, 16.99]);
    expect((await ledger.listSales({ product: 'scarf' }, 0, 10)).map((e) => e.total)).toEqual([26.49, 16.99]);
    expect(await ledger.listSales({ product: 'm1' }, 0, 10)).toHaveLength(3);
    const ada = await ledger.listSales({ memberId: 'm1' }, 0, 10);
    expect(ada.map((e) => e.id)).toContain(scarf.id);
    expect(ada).toHaveLength(2);
    expect(await ledger.listSales({ memberId: 'nobody' }, 0, 10)).toEqual([]);
  });

  it('adds up each day’s takings without voided sales', async () => {
    const { ledger } = await ledgerWithSales();
    const totals = await ledger.dayTotals(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect([...totals]).toEqual([
      ['2026-11-30', 29.99],
      ['2026-12-01', 26.49],
      ['2026-12-02', 0],
    ]);
  });

  it('exports every sale line without personal data', async () => {
    const { ledger } = await ledgerWithSales();
    const csv = await ledger.exportSalesCsv();
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('invoice,date,code,product,quantity,unit price,source,voided');
    expect(rows).toHaveLength(1 + 5);
    expect(rows.filter((r) => r.endsWith(',void'))).toHaveLength(1);
    expect(csv).not.toMatch(/Ada|Lovelace|L-1/);
  });
});
