import { describe, expect, it } from 'vitest';
import { basketTotal, currencyDigits, priceLine, roundToCurrency } from './sale-pricing';

const DAY = new Date(2026, 11, 2, 12).getTime();
const scarf = { code: 'S1', price: 19.99, discount: { percent: 15, from: '2026-12-01', to: '2026-12-24' } };
const mug = { code: 'M1', price: 6.5 };

describe('currency', () => {
  it('knows how many digits a currency is written with', () => {
    expect(currencyDigits('GBP')).toBe(2);
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('BHD')).toBe(3);
    expect(currencyDigits('not a currency')).toBe(2);
  });

  it('rounds half away from zero to the smallest unit, in spite of binary floating point', () => {
    expect(roundToCurrency(1.005, 2)).toBe(1.01);
    expect(roundToCurrency(2.675, 2)).toBe(2.68);
    expect(roundToCurrency(16.9915, 2)).toBe(16.99);
    expect(roundToCurrency(-1.005, 2)).toBe(-1.01);
    expect(roundToCurrency(149.5, 0)).toBe(150);
    expect(roundToCurrency(0.0005, 3)).toBe(0.001);
  });
});

describe('a counter sale’s prices', () => {
  it('applies the discount in force on the day of the sale, and only then', () => {
    const on = priceLine(scarf, 2, DAY, 2);
    // 19.99 less 15 % is 16.9915: 16.99 a scarf, as the till prints it; two are 33.98.
    expect(on).toEqual({
      code: 'S1',
      quantity: 2,
      unitPrice: 19.99,
      discountPercent: 15,
      unitPaid: 16.99,
      lineTotal: 33.98,
    });
    const after = priceLine(scarf, 2, new Date(2026, 11, 25, 12).getTime(), 2);
    expect(after).toMatchObject({ discountPercent: undefined, unitPaid: 19.99, lineTotal: 39.98 });
  });

  it('totals a basket of two items, one on discount, as the sum of its printed lines', () => {
    const lines = [priceLine(scarf, 2, DAY, 2), priceLine(mug, 3, DAY, 2)];
    expect(basketTotal(lines, 2)).toBe(53.48);
    // Many lines of awkward amounts still add up to the cent.
    const many = Array.from({ length: 1000 }, () => priceLine({ code: 'X', price: 0.1 }, 1, DAY, 2));
    expect(basketTotal(many, 2)).toBe(100);
  });

  it('rounds in the currency: yen have no minor unit', () => {
    const line = priceLine(
      { code: 'T', price: 999, discount: { percent: 15, from: '2026-01-01', to: '2026-12-31' } },
      3,
      DAY,
      0,
    );
    // 999 less 15 % is 849.15 yen: 849 each.
    expect(line).toMatchObject({ unitPaid: 849, lineTotal: 2547 });
  });
});
