// Decisions about a whole sales file, made once before any row is imported and shown to staff in the import
// preview: the order its dates are written in, and which invoices are cancellations. Deciding row by row read a
// UK file's 03/04 as 4 March and its 25/04 as 25 April; one decision per file reads both as April, and a file
// whose rows disagree is reported, not silently split between two calendars.
import type { ColumnMapping } from './columns';

/** How a file writes its dates: day first, month first, or year first (ISO). */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/** What one date cell says about the order: which orders could have written it. */
export type DateShape = DateOrder | 'either' | 'none';

const DATE_HEAD = /^\s*(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})/;

export function dateShape(text: string): DateShape {
  const m = DATE_HEAD.exec(text);
  if (!m) return 'none';
  if ((m[1] ?? '').length === 4) return 'ymd';
  const [a, b] = [Number(m[1]), Number(m[2])];
  const dayFirst = a >= 1 && a <= 31 && b >= 1 && b <= 12;
  const monthFirst = a >= 1 && a <= 12 && b >= 1 && b <= 31;
  if (dayFirst && monthFirst) return 'either';
  if (dayFirst) return 'dmy';
  if (monthFirst) return 'mdy';
  return 'none';
}

/** Date cells of a file by shape, with the first cell of each shape (shown in the preview). */
export interface DateEvidence {
  readonly counts: Readonly<Record<DateShape, number>>;
  readonly examples: Readonly<Partial<Record<DateShape, string>>>;
}

export interface DateOrderDecision {
  readonly order: DateOrder;
  /**
   * `file`: the file's own dates decide it (a day above 12 somewhere, or ISO dates); `unclear`: every date could
   * be read either way, so the shop's locale decided; `mixed`: some rows are day first and others month first
   * (the rows that do not fit the chosen order are rejected as bad dates, and the preview says how many).
   */
  readonly basis: 'file' | 'unclear' | 'mixed';
  /** Rows whose date cannot be read in `order`. */
  readonly misfits: number;
}

/** Decides the order from the whole file; `fallback` (the shop's locale) decides when the file cannot. */
export function decideDateOrder(evidence: DateEvidence, fallback: 'dmy' | 'mdy'): DateOrderDecision {
  const decision = (order: DateOrder, basis: DateOrderDecision['basis']): DateOrderDecision => ({
    order,
    basis,
    misfits: dateMisfits(evidence, order),
  });
  const { dmy, mdy, ymd, either } = evidence.counts;
  if (dmy > 0 && mdy > 0) return decision(dmy >= mdy ? 'dmy' : 'mdy', 'mixed');
  if (dmy > 0) return decision('dmy', 'file');
  if (mdy > 0) return decision('mdy', 'file');
  if (ymd > 0 && either === 0) return decision('ymd', 'file');
  return decision(fallback, either > 0 ? 'unclear' : 'file');
}

/** Rows whose date cannot be read in `order` (ISO dates read in any order; cells that are no date never do). */
export function dateMisfits(evidence: DateEvidence, order: DateOrder): number {
  const { dmy, mdy, either } = evidence.counts;
  if (order === 'dmy') return mdy;
  if (order === 'mdy') return dmy;
  return dmy + mdy + either;
}

/** Day first or month first, as the locale writes a short date. */
export function localeDateOrder(locale: string | undefined): 'dmy' | 'mdy' {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(
      new Date(2001, 1, 3),
    );
  } catch {
    return 'dmy';
  }
  const day = parts.findIndex((p) => p.type === 'day');
  const month = parts.findIndex((p) => p.type === 'month');
  return month >= 0 && day >= 0 && month < day ? 'mdy' : 'dmy';
}

/** Rows of the invoices that start with one prefix (what comes before the first digit: "C", "RET-"). */
export interface PrefixStat {
  readonly prefix: string;
  readonly rows: number;
  /** Of those, rows with a negative quantity (returns). */
  readonly negative: number;
}

/**
 * A prefix is proposed as marking cancellations only when the file itself shows it: nearly all of its rows take
 * goods back (negative quantities), and other invoices do not carry it. A shop whose receipt numbers all start
 * with letters gets no cancellation rule unless staff set one.
 */
export function proposeCancelPrefix(stats: readonly PrefixStat[], rows: number): string {
  const candidates = stats
    .filter((s) => s.prefix && s.rows < rows && s.negative >= 0.9 * s.rows)
    .sort((a, b) => b.rows - a.rows);
  return candidates[0]?.prefix ?? '';
}

/** A cancellation prefix as it is compared: trimmed, in either case. */
const normalisePrefix = (prefix: string) => prefix.trim().toUpperCase();

/** Rows of invoices that `prefix` marks as cancelled (the same test the import applies). */
export function rowsWithPrefix(stats: readonly PrefixStat[], prefix: string): number {
  const p = normalisePrefix(prefix);
  if (!p) return 0;
  return stats.filter((s) => s.prefix.startsWith(p)).reduce((n, s) => n + s.rows, 0);
}

/** True when `invoice` is a cancellation under the rule `prefix` ('' = no invoice is a cancellation). */
export function isCancelled(invoice: string, prefix: string): boolean {
  const p = normalisePrefix(prefix);
  return p !== '' && invoice.trim().toUpperCase().startsWith(p);
}

/** What one pass over a file found, and the rules proposed for its import. */
export interface SalesFileSurvey {
  readonly rows: number;
  readonly dates: DateEvidence;
  readonly prefixes: readonly PrefixStat[];
  readonly proposed: { readonly dateOrder: DateOrderDecision; readonly cancelPrefix: string };
}

/** More distinct prefixes than this and the invoice column is not a receipt number with a kind marker. */
const MAX_PREFIXES = 50;

/** Accumulates a survey row by row (the file is streamed, never held). */
export class SalesFileSurveyor {
  #rows = 0;
  readonly #counts: Record<DateShape, number> = { dmy: 0, mdy: 0, ymd: 0, either: 0, none: 0 };
  readonly #examples: Partial<Record<DateShape, string>> = {};
  readonly #prefixes = new Map<string, { rows: number; negative: number }>();

  constructor(private readonly mapping: ColumnMapping) {}

  add(cells: readonly string[]): void {
    this.#rows++;
    const date = (cells[this.mapping.date] ?? '').trim();
    const shape = dateShape(date);
    this.#counts[shape]++;
    this.#examples[shape] ??= date;
    const invoice = (cells[this.mapping.invoice] ?? '').trim().toUpperCase();
    const prefix = /^(\D+)\d/.exec(invoice)?.[1] ?? '';
    const stat = this.#prefixes.get(prefix);
    if (!stat && this.#prefixes.size >= MAX_PREFIXES) return;
    const entry = stat ?? { rows: 0, negative: 0 };
    entry.rows++;
    if (/^\s*-/.test(cells[this.mapping.quantity] ?? '')) entry.negative++;
    if (!stat) this.#prefixes.set(prefix, entry);
  }

  result(fallbackOrder: 'dmy' | 'mdy'): SalesFileSurvey {
    const dates: DateEvidence = { counts: { ...this.#counts }, examples: { ...this.#examples } };
    const prefixes = [...this.#prefixes].map(([prefix, s]) => ({ prefix, ...s }));
    return {
      rows: this.#rows,
      dates,
      prefixes,
      proposed: {
        dateOrder: decideDateOrder(dates, fallbackOrder),
        cancelPrefix: proposeCancelPrefix(prefixes, this.#rows),
      },
    };
  }
}
