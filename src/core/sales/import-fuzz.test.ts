// Hostile and broken sales files: the corpus in test-corpus/csv (kept in the repo) plus seeded random mutations
// of a good file. Whatever comes in, the importer either reports rows (good ones imported, bad ones counted
// with reasons) or refuses the whole file with a SalesFileError that says why; it never crashes with anything
// else, and nothing it passes on is malformed. The catalogue reader gets the same treatment.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogueCsv } from '../catalogue/catalogue';
import { Rng } from '../random/prng';
import type { Basket } from './basket-grouper';
import { SalesFileError, importSales } from './import-sales';

const CORPUS = path.resolve(__dirname, '../../../test-corpus/csv');

const GOOD = [
  'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country',
  ...Array.from(
    { length: 20 },
    (_, i) =>
      `${489000 + (i >> 1)},C${i % 7},"Item, ""${i}""",${(i % 5) + 1},12/${(i % 28) + 1}/2009 10:0${i % 10},${i}.5,${13000 + (i % 3)},United Kingdom`,
  ),
].join('\r\n');

async function importBytes(
  bytes: Uint8Array<ArrayBuffer>,
): Promise<{ baskets: Basket[]; outcome: 'report' | 'refused' }> {
  const baskets: Basket[] = [];
  try {
    const report = await importSales(new Blob([bytes]).stream(), {
      rules: { dateOrder: 'mdy', cancelPrefix: 'C' },
      onBaskets: (b) => {
        baskets.push(...b);
        return Promise.resolve();
      },
    });
    expect(report.accepted + report.rejected).toBeLessThanOrEqual(report.rows);
    return { baskets, outcome: 'report' };
  } catch (err) {
    // A refusal names its problem (and the missing columns), told to staff in their language by i18n/error-text.
    expect(err, String(err)).toBeInstanceOf(SalesFileError);
    const refusal = err as SalesFileError;
    expect(refusal.problem === 'empty' || refusal.missing.length > 0, refusal.message).toBe(true);
    return { baskets, outcome: 'refused' };
  }
}

function expectWellFormed(baskets: readonly Basket[]): void {
  for (const b of baskets) {
    expect(b.invoice.length).toBeGreaterThan(0);
    expect(Number.isFinite(b.at)).toBe(true);
    for (const item of b.items) {
      expect(item.code.length).toBeGreaterThan(0);
      expect(Number.isFinite(item.quantity) && item.quantity > 0).toBe(true);
      // NaN is the importer's "no price column" marker; anything else must be a real, non-negative amount.
      expect(Number.isNaN(item.price) || (Number.isFinite(item.price) && item.price >= 0)).toBe(true);
    }
  }
}

function mutate(text: string, rng: Rng): Uint8Array<ArrayBuffer> {
  let s = text;
  const ops = 1 + rng.nextInt(4);
  for (let k = 0; k < ops; k++) {
    const at = rng.nextInt(Math.max(1, s.length));
    switch (rng.nextInt(6)) {
      case 0: // truncate
        s = s.slice(0, at);
        break;
      case 1: // delete a run
        s = s.slice(0, at) + s.slice(at + 1 + rng.nextInt(40));
        break;
      case 2: // insert hostile characters
        s =
          s.slice(0, at) +
          (['"', ',', '\n', '\r', '\u0000', '=', ';', '\uFEFF', '\t'][rng.nextInt(9)] ?? '') +
          s.slice(at);
        break;
      case 3: // duplicate a run
        s = s.slice(0, at) + s.slice(at, at + rng.nextInt(200)) + s.slice(at);
        break;
      case 4: // swap the delimiter
        s = s.replaceAll(',', [';', '\t', '|'][rng.nextInt(3)] ?? ';');
        break;
      default: // a random byte string in the middle
        s = s.slice(0, at) + String.fromCharCode(...Array.from({ length: 8 }, () => rng.nextInt(65536))) + s.slice(at);
    }
  }
  return new TextEncoder().encode(s);
}

describe('sales and catalogue import, fuzzed', () => {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.csv'));

  it('has a corpus to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    it(`handles ${file} with a report or a clear refusal`, async () => {
      const bytes = new Uint8Array(readFileSync(path.join(CORPUS, file)));
      const { baskets } = await importBytes(bytes);
      expectWellFormed(baskets);
      const catalogue = parseCatalogueCsv(new TextDecoder().decode(bytes));
      for (const p of catalogue.products) {
        expect(p.code.length).toBeGreaterThan(0);
        expect(Number.isFinite(p.price) && p.price >= 0).toBe(true);
      }
    });
  }

  it('handles a single 2 MB field (generated here rather than kept in the corpus)', async () => {
    const [header = '', first = ''] = GOOD.split('\r\n');
    const huge = `${header}\r\n489000,C1,${'X'.repeat(2_000_000)},1,12/1/2009 10:00,1.5,13000,UK\r\n${first}\r\n`;
    const { baskets } = await importBytes(new TextEncoder().encode(huge));
    expectWellFormed(baskets);
    expect(() => parseCatalogueCsv(huge)).not.toThrow();
  });

  it('imports the good file whole, and survives 300 seeded mutations of it', async () => {
    const clean = await importBytes(new TextEncoder().encode(GOOD));
    expect(clean.outcome).toBe('report');
    expect(clean.baskets).toHaveLength(10);
    const rng = new Rng(2026);
    const outcomes = { report: 0, refused: 0 };
    for (let i = 0; i < 300; i++) {
      const bytes = mutate(GOOD, rng);
      const { baskets, outcome } = await importBytes(bytes);
      outcomes[outcome]++;
      expectWellFormed(baskets);
      expect(() => parseCatalogueCsv(new TextDecoder().decode(bytes))).not.toThrow();
    }
    // Most mutants still have importable rows: bad rows are skipped, not fatal.
    expect(outcomes.report).toBeGreaterThan(outcomes.refused);
  });
});
