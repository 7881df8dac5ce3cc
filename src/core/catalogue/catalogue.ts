// The product catalogue: reading a catalogue CSV (code, name, category, price, optional discount with a date
// range) and deciding whether a discount is on today.
import Papa from 'papaparse';
import { parseAmount } from '../sales/sale-line';
import type { Discount, Product } from './product';

/** Why a row of a catalogue file was not read (the words are the catalogue's: i18n, products.catalogueRejects). */
export type CatalogueRejectReason = 'bad-header' | 'missing-code' | 'bad-price' | 'bad-discount' | 'bad-discount-dates';

export interface CatalogueRejection {
  readonly line: number;
  readonly reason: CatalogueRejectReason;
}

const ALIASES: Record<string, readonly string[]> = {
  code: ['code', 'stockcode', 'sku', 'productcode', 'itemcode'],
  name: ['name', 'description', 'productname'],
  category: ['category', 'department', 'group'],
  price: ['price', 'unitprice'],
  discount: ['discount', 'discountpercent', 'discount%', 'percentoff'],
  from: ['discountfrom', 'from', 'start', 'validfrom'],
  to: ['discountto', 'to', 'end', 'validto', 'until'],
};

const norm = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9%]/g, '');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseCatalogueCsv(text: string): { products: Product[]; rejected: CatalogueRejection[] } {
  const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: 'greedy' }).data;
  const header = (rows[0] ?? []).map(norm);
  const col = (field: string) => (ALIASES[field] ?? []).map((a) => header.indexOf(a)).find((i) => i >= 0) ?? -1;
  const idx = {
    code: col('code'),
    name: col('name'),
    category: col('category'),
    price: col('price'),
    discount: col('discount'),
    from: col('from'),
    to: col('to'),
  };
  if (idx.code < 0 || idx.name < 0 || idx.price < 0) {
    return { products: [], rejected: [{ line: 1, reason: 'bad-header' }] };
  }
  const products: Product[] = [];
  const rejected: CatalogueRejection[] = [];
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const get = (k: number) => (k >= 0 ? (cells[k] ?? '').trim() : '');
    const code = get(idx.code);
    const price = parseAmount(get(idx.price));
    if (!code) return void rejected.push({ line, reason: 'missing-code' });
    if (!Number.isFinite(price) || price < 0) return void rejected.push({ line, reason: 'bad-price' });
    const percentText = get(idx.discount).replace('%', '');
    let discount: Discount | undefined;
    if (percentText) {
      const percent = parseAmount(percentText);
      const from = get(idx.from);
      const to = get(idx.to);
      if (!Number.isFinite(percent) || percent <= 0 || percent >= 100)
        return void rejected.push({ line, reason: 'bad-discount' });
      if (!ISO_DATE.test(from) || !ISO_DATE.test(to) || from > to)
        return void rejected.push({ line, reason: 'bad-discount-dates' });
      discount = { percent, from, to };
    }
    products.push({
      code,
      name: get(idx.name) || code,
      category: get(idx.category),
      price,
      ...(discount ? { discount } : {}),
    });
  });
  return { products, rejected };
}

/** Local calendar date as yyyy-mm-dd. */
export function isoDate(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Local midnight at the start of a yyyy-mm-dd date (what isoDate writes, and date inputs give). */
export function isoDateStart(day: string): number {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

/** The discount in force on `now`'s date, if any. */
export function activeDiscount(
  product: { readonly discount?: Discount | undefined },
  now: number,
): Discount | undefined {
  const d = product.discount;
  if (!d) return undefined;
  const today = isoDate(now);
  return d.from <= today && today <= d.to ? d : undefined;
}
