import { describe, expect, it } from 'vitest';
import type { Basket } from './basket-grouper';
import { detectColumns } from './columns';
import {
  SalesFileSurveyor,
  dateMisfits,
  dateShape,
  decideDateOrder,
  isCancelled,
  localeDateOrder,
  proposeCancelPrefix,
  rowsWithPrefix,
} from './file-survey';
import { importSales, surveySales } from './import-sales';

const HEADER = ['Invoice', 'StockCode', 'Quantity', 'InvoiceDate'];
const csv = (rows: readonly string[]) => new Blob([[HEADER.join(','), ...rows].join('\n') + '\n']).stream();

function survey(rows: readonly string[][], fallback: 'dmy' | 'mdy' = 'dmy') {
  const surveyor = new SalesFileSurveyor(detectColumns(HEADER));
  for (const r of rows) surveyor.add(r);
  return surveyor.result(fallback);
}

describe('dateShape', () => {
  it.each([
    ['25/04/2026', 'dmy'],
    ['04/25/2026 10:00', 'mdy'],
    ['03/04/2026', 'either'],
    ['2026-04-03 10:00', 'ymd'],
    ['31/31/2026', 'none'],
    ['yesterday', 'none'],
    ['', 'none'],
  ] as const)('%s is %s', (text, shape) => {
    expect(dateShape(text)).toBe(shape);
  });
});

describe('decideDateOrder', () => {
  const evidence = (counts: Partial<Record<'dmy' | 'mdy' | 'ymd' | 'either' | 'none', number>>) => ({
    counts: { dmy: 0, mdy: 0, ymd: 0, either: 0, none: 0, ...counts },
    examples: {},
  });
  it('one day above 12 anywhere in the file decides it for every row', () => {
    expect(decideDateOrder(evidence({ either: 5000, dmy: 1 }), 'mdy')).toEqual({
      order: 'dmy',
      basis: 'file',
      misfits: 0,
    });
    expect(decideDateOrder(evidence({ either: 5000, mdy: 1 }), 'dmy')).toEqual({
      order: 'mdy',
      basis: 'file',
      misfits: 0,
    });
  });
  it('falls back to the shop’s locale only when every date could be either', () => {
    expect(decideDateOrder(evidence({ either: 10 }), 'mdy')).toEqual({ order: 'mdy', basis: 'unclear', misfits: 0 });
    expect(decideDateOrder(evidence({ ymd: 10 }), 'mdy')).toEqual({ order: 'ymd', basis: 'file', misfits: 0 });
  });
  it('a file that mixes both takes the larger side and counts the rows that will not fit', () => {
    expect(decideDateOrder(evidence({ dmy: 7, mdy: 2, either: 40 }), 'mdy')).toEqual({
      order: 'dmy',
      basis: 'mixed',
      misfits: 2,
    });
    expect(dateMisfits(evidence({ dmy: 7, mdy: 2, either: 40 }), 'mdy')).toBe(7);
    expect(dateMisfits(evidence({ dmy: 7, mdy: 2, either: 40 }), 'ymd')).toBe(49);
  });
});

describe('localeDateOrder', () => {
  it('reads day or month first from how the locale writes a date', () => {
    expect(localeDateOrder('en-GB')).toBe('dmy');
    expect(localeDateOrder('de-DE')).toBe('dmy');
    expect(localeDateOrder('en-US')).toBe('mdy');
    expect(localeDateOrder('not a locale!')).toBe('dmy');
  });
});

describe('cancellation rule', () => {
  it('proposes a prefix only when the file shows it takes goods back', () => {
    const s = survey([
      ['489434', 'A', '2', '01/12/2009'],
      ['489435', 'B', '1', '01/12/2009'],
      ['C489436', 'A', '-2', '01/12/2009'],
      ['C489437', 'B', '-1', '01/12/2009'],
    ]);
    expect(s.proposed.cancelPrefix).toBe('C');
    expect(rowsWithPrefix(s.prefixes, 'c')).toBe(2);
    expect(rowsWithPrefix(s.prefixes, '')).toBe(0);
  });
  it('proposes nothing when every receipt starts with letters, or the lettered ones are ordinary sales', () => {
    const allLettered = survey([
      ['CA-1001', 'A', '2', '01/12/2009'],
      ['CA-1002', 'B', '1', '01/12/2009'],
    ]);
    expect(allLettered.proposed.cancelPrefix).toBe('');
    expect(proposeCancelPrefix([{ prefix: 'WEB', rows: 10, negative: 1 }], 100)).toBe('');
  });
  it('is applied the same way the preview counts it: case-insensitive, from the start of the invoice', () => {
    expect(isCancelled('c489436', 'C')).toBe(true);
    expect(isCancelled('489436C', 'C')).toBe(false);
    expect(isCancelled('C489436', '')).toBe(false);
    expect(isCancelled('RET-17', 'ret-')).toBe(true);
  });
});

describe('a UK file read once for the whole file', () => {
  const rows = ['1,A,1,03/04/2026 10:00', '2,B,1,25/04/2026 11:00', '3,C,1,01/05/2026 12:00'];

  it('proposes day first from the one row that can only be day first, and imports every row as April', async () => {
    const s = await surveySales(csv(rows), { fallbackDateOrder: 'mdy' });
    expect(s.rows).toBe(3);
    expect(s.proposed.dateOrder).toEqual({ order: 'dmy', basis: 'file', misfits: 0 });
    const baskets: Basket[] = [];
    const report = await importSales(csv(rows), {
      rules: { dateOrder: s.proposed.dateOrder.order, cancelPrefix: s.proposed.cancelPrefix },
      onBaskets: (b) => {
        baskets.push(...b);
        return Promise.resolve();
      },
    });
    expect(report.rejected).toBe(0);
    expect(baskets.map((b) => [new Date(b.at).getMonth() + 1, new Date(b.at).getDate()])).toEqual([
      [4, 3],
      [4, 25],
      [5, 1],
    ]);
  });

  it('read month first by staff’s choice, the day-first row is skipped as a bad date, never read another way', async () => {
    const report = await importSales(csv(rows), {
      rules: { dateOrder: 'mdy', cancelPrefix: '' },
      onBaskets: () => Promise.resolve(),
    });
    expect(report.rejectedByReason).toEqual({ 'bad-date': 1 });
    expect(report.firstSaleAt).toBe(new Date(2026, 0, 5, 12).getTime());
    expect(report.lastSaleAt).toBe(new Date(2026, 2, 4, 10).getTime());
  });
});

describe('reading a large file for the preview', () => {
  // About 3.6 MB: four of the reader's 1 MiB chunks.
  const big = () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => `${i},P${i % 97},1,25/04/2026 10:00`);
    return new Blob([[HEADER.join(','), ...rows].join('\n') + '\n']);
  };

  /** The file as a browser reads it: in pieces of 64 KiB. */
  const inPieces = async (file: Blob) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let at = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) controller.close();
        else controller.enqueue(bytes.slice(at, (at += 65_536)));
      },
    });
  };

  it('reports how far it is as it goes, ending at the whole file', async () => {
    const file = big();
    const seen: { bytesRead: number; rows: number }[] = [];
    const s = await surveySales(await inPieces(file), {
      fallbackDateOrder: 'mdy',
      totalBytes: file.size,
      onProgress: (p) => seen.push(p),
    });
    expect(s.rows).toBe(120_000);
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]?.bytesRead).toBeGreaterThanOrEqual(seen[i - 1]?.bytesRead ?? 0);
    expect(seen.at(-1)).toEqual({ bytesRead: file.size, totalBytes: file.size, rows: 120_000 });
  });

  it('stops when cancelled, with an AbortError and no survey', async () => {
    const file = big();
    const controller = new AbortController();
    const reading = surveySales(file.stream(), {
      fallbackDateOrder: 'mdy',
      totalBytes: file.size,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytesRead > file.size / 4) controller.abort();
      },
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});
