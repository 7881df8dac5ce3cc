import { describe, expect, it } from 'vitest';
import { activeDiscount, parseCatalogueCsv } from './catalogue';

describe('parseCatalogueCsv', () => {
  it('reads products with and without discounts, rejecting bad rows with their line', () => {
    const { products, rejected } = parseCatalogueCsv(
      [
        'Code,Name,Category,Price,Discount %,Discount from,Discount to',
        'A1,Wool scarf,Accessories,19.90,,,',
        'A2,Linen shirt,Shirts,"39,50",20,2026-11-01,2026-11-30',
        ',No code,Shirts,10,,,',
        'A3,Bad price,Shirts,free,,,',
        'A4,Bad discount,Shirts,10,150,2026-11-01,2026-11-30',
        'A5,Bad dates,Shirts,10,10,30/11/2026,2026-11-01',
      ].join('\n'),
    );
    expect(products).toEqual([
      { code: 'A1', name: 'Wool scarf', category: 'Accessories', price: 19.9 },
      {
        code: 'A2',
        name: 'Linen shirt',
        category: 'Shirts',
        price: 39.5,
        discount: { percent: 20, from: '2026-11-01', to: '2026-11-30' },
      },
    ]);
    expect(rejected.map((r) => r.line)).toEqual([4, 5, 6, 7]);
  });
  it('refuses a file without the needed columns', () => {
    expect(parseCatalogueCsv('foo,bar\n1,2').rejected[0]?.reason).toBe('bad-header');
  });
});

describe('activeDiscount', () => {
  const p = { discount: { percent: 10, from: '2026-11-01', to: '2026-11-30' } };
  it('applies on the days of its range only', () => {
    expect(activeDiscount(p, new Date(2026, 10, 1, 9).getTime())).toBeDefined();
    expect(activeDiscount(p, new Date(2026, 10, 30, 23).getTime())).toBeDefined();
    expect(activeDiscount(p, new Date(2026, 11, 1, 0, 1).getTime())).toBeUndefined();
    expect(activeDiscount({}, Date.now())).toBeUndefined();
  });
});
