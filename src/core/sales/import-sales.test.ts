import { describe, expect, it } from 'vitest';
import type { Basket } from './basket-grouper';
import { SalesFileError, importSales } from './import-sales';

const rules = { dateOrder: 'mdy', cancelPrefix: 'C' } as const;

const stream = (text: string) => new Blob([text]).stream();

const CSV = [
  'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country',
  '489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,12/1/2009 7:45,6.95,13085.0,United Kingdom',
  '489434,79323P,PINK CHERRY LIGHTS,12,12/1/2009 7:45,6.75,13085.0,United Kingdom',
  'C489449,22087,PAPER BUNTING WHITE LACE,-12,12/1/2009 10:33,2.95,16321.0,Australia',
  '489435,22350,CAT BOWL ,12,12/1/2009 7:46,2.55,13085.0,United Kingdom',
  '489435,,MISSING CODE,1,12/1/2009 7:46,2.55,13085.0,United Kingdom',
  '489435,22349,"DOG BOWL , CHASING BALL DESIGN",-1,12/1/2009 7:46,3.75,13085.0,United Kingdom',
  '489436,48173C,DOOR MAT BLACK FLOCK ,10,not a date,5.95,13078.0,United Kingdom',
  '489437,21755,LOVE BUILDING BLOCK WORD,18,12/1/2009 9:06,5.45,,United Kingdom',
  'junk',
].join('\r\n');

describe('importSales', () => {
  it('imports good rows as baskets and reports every bad row with its line and reason', async () => {
    const baskets: Basket[] = [];
    const report = await importSales(stream(CSV), {
      rules,
      onBaskets: (b) => {
        baskets.push(...b);
        return Promise.resolve();
      },
      batchSize: 1,
    });
    expect(baskets.map((b) => [b.invoice, b.items.map((i) => i.code), b.customer])).toEqual([
      ['489434', ['85048', '79323P'], '13085'],
      ['489435', ['22350'], '13085'],
      ['489437', ['21755'], ''],
    ]);
    expect(report).toMatchObject({ rows: 9, accepted: 4, rejected: 5, baskets: 3 });
    expect(report.rejectedSample).toEqual([
      { line: 4, reason: 'cancellation' },
      { line: 6, reason: 'missing-code' },
      { line: 7, reason: 'negative-quantity' },
      { line: 8, reason: 'bad-date' },
      { line: 10, reason: 'wrong-column-count' },
    ]);
    expect(report.products.map((p) => p.code).sort()).toEqual(['21755', '22350', '79323P', '85048']);
    expect(report.firstSaleAt).toBe(new Date(2009, 11, 1, 7, 45).getTime());
  });

  it('refuses a file without the needed columns, naming them', async () => {
    await expect(
      importSales(stream('name,age\nann,3\n'), { rules, onBaskets: () => Promise.resolve() }),
    ).rejects.toThrow(SalesFileError);
    await expect(
      importSales(stream('name,age\nann,3\n'), { rules, onBaskets: () => Promise.resolve() }),
    ).rejects.toMatchObject({ problem: 'missing-columns', missing: ['invoice', 'code', 'quantity', 'date'] });
  });

  it('refuses an empty file', async () => {
    await expect(importSales(stream(''), { rules, onBaskets: () => Promise.resolve() })).rejects.toThrow(/empty/);
  });

  it('stops on cancel without storing more', async () => {
    const controller = new AbortController();
    const rows = ['Invoice,StockCode,Quantity,InvoiceDate'];
    for (let i = 0; i < 50_000; i++) rows.push(`${i},A${i % 50},1,2010-01-01 10:00`);
    let stored = 0;
    const done = importSales(stream(rows.join('\n')), {
      rules,
      batchSize: 100,
      signal: controller.signal,
      onBaskets: (b) => {
        stored += b.length;
        if (stored >= 300) controller.abort();
        return Promise.resolve();
      },
    });
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(stored).toBeLessThan(50_000);
  });
});
