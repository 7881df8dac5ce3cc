// What a counter sale costs: each line at the price in force on the day of the sale (a discount on that day
// applies), rounded to the currency's smallest unit line by line, as a till prints it, and the basket's total as
// the sum of the printed lines. Amounts are kept in minor units (pence, cents, yen) while adding up, so a total of
// many lines never drifts from the sum of what the receipt shows.
import { activeDiscount } from '../catalogue/catalogue';
import type { Product } from '../catalogue/product';

export interface PricedLine {
  readonly code: string;
  readonly quantity: number;
  /** The catalogue price of one. */
  readonly unitPrice: number;
  /** The discount in force on the day of the sale, if any. */
  readonly discountPercent: number | undefined;
  /** What one costs after the discount, rounded to the currency. */
  readonly unitPaid: number;
  /** quantity × unitPaid. */
  readonly lineTotal: number;
}

/** Digits after the decimal point the currency is written with (GBP 2, JPY 0, BHD 3). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Rounds half away from zero to the currency's smallest unit, correcting binary floating point (1.005 → 1.01). */
export function roundToCurrency(amount: number, digits: number): number {
  const scale = 10 ** digits;
  const scaled = Math.abs(amount) * scale;
  // 1.005 * 100 is 100.49999999999999 in binary: nudge by a relative epsilon before rounding.
  const units = Math.round(scaled * (1 + Number.EPSILON * 4));
  return (Math.sign(amount) * units) / scale;
}

export function priceLine(
  product: Pick<Product, 'code' | 'price' | 'discount'>,
  quantity: number,
  at: number,
  digits: number,
): PricedLine {
  const discount = activeDiscount(product, at);
  const unitPaid = roundToCurrency(product.price * (1 - (discount?.percent ?? 0) / 100), digits);
  return {
    code: product.code,
    quantity,
    unitPrice: product.price,
    discountPercent: discount?.percent,
    unitPaid,
    lineTotal: roundToCurrency(unitPaid * quantity, digits),
  };
}

/** A stored sale's total: each line at the price paid, rounded as the till prints it, then added up. */
export function saleTotal(
  items: readonly { readonly price: number; readonly quantity: number }[],
  digits: number,
): number {
  return basketTotal(
    items.map((i) => ({ lineTotal: roundToCurrency(i.price * i.quantity, digits) })),
    digits,
  );
}

/** The basket's total: the sum of its lines, added in minor units. */
export function basketTotal(lines: readonly Pick<PricedLine, 'lineTotal'>[], digits: number): number {
  const scale = 10 ** digits;
  const units = lines.reduce((sum, l) => sum + Math.round(l.lineTotal * scale), 0);
  return units / scale;
}
