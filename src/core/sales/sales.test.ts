import { describe, expect, it } from 'vitest';
import { BasketGrouper, type Basket } from './basket-grouper';
import { detectColumns, isOnlineRetailHeader, missingRequired } from './columns';
import { normaliseCustomerId, parseAmount, parseSaleDate, toSaleLine } from './sale-line';

const UCI = ['Invoice', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'Price', 'Customer ID', 'Country'];
const UCI_V1 = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
];

describe('detectColumns', () => {
  it('recognises both Online Retail schemas, with a BOM', () => {
    for (const h of [UCI, UCI_V1, ['\uFEFFInvoice', ...UCI.slice(1)]]) {
      expect(isOnlineRetailHeader(h)).toBe(true);
      expect(detectColumns(h)).toEqual({
        invoice: 0,
        code: 1,
        description: 2,
        quantity: 3,
        date: 4,
        price: 5,
        customer: 6,
        country: 7,
      });
    }
  });
  it('reports what a foreign file lacks', () => {
    const m = detectColumns(['Receipt', 'SKU', 'Qty', 'When']);
    expect(missingRequired(m)).toEqual(['date']);
    expect(isOnlineRetailHeader(['a', 'b'])).toBe(false);
  });
});

describe('parsers', () => {
  it('parses amounts with either decimal separator', () => {
    expect(parseAmount('2.55')).toBe(2.55);
    expect(parseAmount('2,55')).toBe(2.55);
    expect(parseAmount('1,234.50')).toBe(1234.5);
    expect(parseAmount('1.234,50')).toBe(1234.5);
    expect(parseAmount('£3')).toBe(3);
    expect(parseAmount('-12')).toBe(-12);
    expect(parseAmount('abc')).toBeNaN();
    expect(parseAmount('')).toBeNaN();
    expect(parseAmount('=1+2')).toBeNaN();
    expect(parseAmount('9'.repeat(400))).toBeNaN();
  });

  it('parses the date formats exports use and rejects impossible dates', () => {
    expect(parseSaleDate('12/1/2009 7:45', 'mdy')).toBe(new Date(2009, 11, 1, 7, 45).getTime());
    expect(parseSaleDate('2009-12-01 07:45:00', 'dmy')).toBe(new Date(2009, 11, 1, 7, 45).getTime());
    expect(parseSaleDate('25/12/2010 10:00', 'dmy')).toBe(new Date(2010, 11, 25, 10, 0).getTime());
    expect(parseSaleDate('01/02/2010', 'dmy')).toBe(new Date(2010, 1, 1).getTime());
    expect(parseSaleDate('01/02/2010', 'mdy')).toBe(new Date(2010, 0, 2).getTime());
    expect(parseSaleDate('2/30/2010 10:00', 'mdy')).toBeNaN();
    expect(parseSaleDate('yesterday', 'dmy')).toBeNaN();
    expect(parseSaleDate('', 'dmy')).toBeNaN();
  });

  it('reads every date in the order given, never guessing from the date itself', () => {
    // 25/12 cannot be month first: in a month-first file it is a bad date, not quietly read day first.
    expect(parseSaleDate('25/12/2010', 'mdy')).toBeNaN();
    expect(parseSaleDate('12/25/2010', 'dmy')).toBeNaN();
  });

  it('normalises customer ids written as floats', () => {
    expect(normaliseCustomerId('13085.0')).toBe('13085');
    expect(normaliseCustomerId(' C-77 ')).toBe('C-77');
  });
});

describe('toSaleLine', () => {
  const map = detectColumns(UCI);
  const rules = { dateOrder: 'mdy', cancelPrefix: 'C' } as const;
  const row = (over: Partial<Record<number, string>> = {}) => {
    const base = ['489434', '85048', 'CHRISTMAS LIGHTS ', '12', '12/1/2009 7:45', '6.95', '13085.0', 'United Kingdom'];
    return base.map((v, i) => over[i] ?? v);
  };
  it('accepts a good row', () => {
    expect(toSaleLine(row(), map, rules)).toEqual({
      ok: true,
      line: {
        invoice: '489434',
        code: '85048',
        description: 'CHRISTMAS LIGHTS',
        quantity: 12,
        at: new Date(2009, 11, 1, 7, 45).getTime(),
        price: 6.95,
        customer: '13085',
        country: 'United Kingdom',
      },
    });
  });
  it('keeps codes exactly, including a significant trailing space', () => {
    const r = toSaleLine(row({ 1: '47503J ' }), map, rules);
    expect(r.ok && r.line.code).toBe('47503J ');
  });
  it.each([
    [{ 0: 'C489449' }, 'cancellation'],
    [{ 3: '-4' }, 'negative-quantity'],
    [{ 3: '0' }, 'zero-quantity'],
    [{ 3: 'lots' }, 'bad-quantity'],
    [{ 1: '  ' }, 'missing-code'],
    [{ 0: '' }, 'missing-invoice'],
    [{ 4: '31/31/2009' }, 'bad-date'],
    [{ 5: 'free' }, 'bad-price'],
    [{ 5: '-1.00' }, 'bad-price'],
  ] as const)('rejects %o as %s', (over, reason) => {
    expect(toSaleLine(row(over), map, rules)).toEqual({ ok: false, reason });
  });
  it('applies the file’s cancellation rule, and no rule when there is none', () => {
    expect(toSaleLine(row({ 0: 'c489449' }), map, rules)).toEqual({ ok: false, reason: 'cancellation' });
    expect(toSaleLine(row({ 0: 'C489449' }), map, { ...rules, cancelPrefix: '' }).ok).toBe(true);
    expect(toSaleLine(row({ 0: 'R-17' }), map, { ...rules, cancelPrefix: 'R-' })).toEqual({
      ok: false,
      reason: 'cancellation',
    });
  });
  it('rejects a short row', () => {
    expect(toSaleLine(['489434', '85048'], map, rules)).toEqual({ ok: false, reason: 'wrong-column-count' });
  });
});

describe('BasketGrouper', () => {
  it('groups contiguous lines per invoice and tracks products', () => {
    const baskets: Basket[] = [];
    const g = new BasketGrouper((b) => baskets.push(b));
    const line = (invoice: string, code: string, at: number, price = 1, description = '') =>
      ({ invoice, code, description, quantity: 1, at, price, customer: 'c1', country: '' }) as const;
    g.add(line('1', 'A', 10, 1, 'apple'));
    g.add(line('1', 'B', 10));
    g.add(line('2', 'A', 20, 2, 'apple v2'));
    g.flush();
    expect(baskets.map((b) => [b.invoice, b.items.map((i) => i.code)])).toEqual([
      ['1', ['A', 'B']],
      ['2', ['A']],
    ]);
    expect(g.products.get('A')).toMatchObject({ description: 'apple v2', lastPrice: 2, lines: 2 });
  });
});
