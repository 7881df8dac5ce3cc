// One CSV row -> one validated sale line, or a rejection with a reason staff can read. Bad rows never stop an
// import: they are counted and listed (with their line numbers) and the good rows go on.
import type { ColumnMapping } from './columns';
import { type DateOrder, isCancelled } from './file-survey';

export interface SaleLine {
  readonly invoice: string;
  readonly code: string;
  readonly description: string;
  readonly quantity: number;
  /** Epoch ms. */
  readonly at: number;
  /** Unit price; NaN when the file has no price column. */
  readonly price: number;
  /** Customer / loyalty id as written in the file, normalised ("13085.0" -> "13085"); '' when anonymous. */
  readonly customer: string;
  readonly country: string;
}

export type RejectReason =
  | 'cancellation'
  | 'negative-quantity'
  | 'zero-quantity'
  | 'bad-quantity'
  | 'missing-code'
  | 'missing-invoice'
  | 'bad-date'
  | 'bad-price'
  | 'wrong-column-count';

/** The rules a whole file is read by, decided once for the file (./file-survey.ts) and shown to staff. */
export interface ImportRules {
  readonly dateOrder: DateOrder;
  /** Invoices starting with this are cancellations ('' = none are). */
  readonly cancelPrefix: string;
}

export type LineResult =
  { readonly ok: true; readonly line: SaleLine } | { readonly ok: false; readonly reason: RejectReason };

/** Parses a number written with '.' or ',' as the decimal separator (and optional thousands separators). */
export function parseAmount(text: string): number {
  const t = text.trim().replace(/[\s\u00a0£$€]/g, '');
  if (!t) return NaN;
  let normalised = t;
  if (t.includes(',') && t.includes('.')) {
    // "1,234.50" or "1.234,50": the last separator is the decimal one.
    normalised = t.lastIndexOf(',') > t.lastIndexOf('.') ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  } else if (t.includes(',')) {
    normalised = /,\d{3}$/.test(t) && !/^-?0,/.test(t) ? t.replace(/,/g, '') : t.replace(',', '.');
  }
  // Hundreds of digits parse to Infinity: not an amount anyone sold.
  const value = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalised) ? Number(normalised) : NaN;
  return Number.isFinite(value) ? value : NaN;
}

const DATE_RE = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/;

/**
 * Parses the date formats sales exports use, in the file's date order (a year written first is read year
 * first whatever the order). Times are local shop time. Returns NaN when it is not a date in that order.
 */
export function parseSaleDate(text: string, order: DateOrder): number {
  const m = DATE_RE.exec(text.trim());
  if (!m) return NaN;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let y: number, mo: number, d: number;
  if ((m[1] ?? '').length === 4 || order === 'ymd') [y, mo, d] = [a, b, c];
  else if (order === 'dmy') [d, mo, y] = [a, b, c];
  else [mo, d, y] = [a, b, c];
  if (y < 100) y += 2000;
  const hh = Number(m[4] ?? 0);
  const mm = Number(m[5] ?? 0);
  const ss = Number(m[6] ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 59) return NaN;
  const date = new Date(y, mo - 1, d, hh, mm, ss);
  // Reject roll-overs such as 31 February.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return NaN;
  return date.getTime();
}

export function normaliseCustomerId(text: string): string {
  const t = text.trim();
  return /^\d+\.0+$/.test(t) ? t.replace(/\.0+$/, '') : t;
}

export function toSaleLine(cells: readonly string[], map: ColumnMapping, rules: ImportRules): LineResult {
  const get = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
  const needed = Math.max(map.invoice, map.code, map.quantity, map.date);
  if (cells.length <= needed) return { ok: false, reason: 'wrong-column-count' };
  const invoice = get(map.invoice).trim();
  // Product codes are kept exactly (a trailing space can be significant in some catalogues), but must not be blank.
  const code = get(map.code);
  if (!invoice) return { ok: false, reason: 'missing-invoice' };
  if (isCancelled(invoice, rules.cancelPrefix)) return { ok: false, reason: 'cancellation' };
  if (!code.trim()) return { ok: false, reason: 'missing-code' };
  const quantity = parseAmount(get(map.quantity));
  if (Number.isNaN(quantity)) return { ok: false, reason: 'bad-quantity' };
  if (quantity < 0) return { ok: false, reason: 'negative-quantity' };
  if (quantity === 0) return { ok: false, reason: 'zero-quantity' };
  const at = parseSaleDate(get(map.date), rules.dateOrder);
  if (Number.isNaN(at)) return { ok: false, reason: 'bad-date' };
  const price = map.price >= 0 ? parseAmount(get(map.price)) : NaN;
  if (map.price >= 0 && (Number.isNaN(price) || price < 0)) return { ok: false, reason: 'bad-price' };
  return {
    ok: true,
    line: {
      invoice,
      code,
      description: get(map.description).trim(),
      quantity,
      at,
      price,
      customer: normaliseCustomerId(get(map.customer)),
      country: get(map.country).trim(),
    },
  };
}
