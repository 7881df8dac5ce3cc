// The sales ledger: every sale for staff to look through (newest first, a page at a time, narrowed to a day, a
// product or a member), the day's takings, and an export without personal data. Read-only: voiding a sale is a
// change, and changes go through SalesService (whose listeners retrain the recommendations).
import { toCsv } from '../../core/analytics/csv-export';
import { isoDate, isoDateStart } from '../../core/catalogue/catalogue';
import { basketTotal, currencyDigits, saleTotal } from '../../core/sales/sale-pricing';
import type { ProductsStore } from '../../store/products-store';
import type { PurchasesStore } from '../../store/purchases-store';
import type { MembersService } from './members-service';

/** A sale as the sales list shows it: no customer id, only the member's name when it is an enrolled member's. */
export interface SaleEntry {
  readonly id: string;
  readonly invoice: string;
  readonly at: number;
  readonly source: string;
  readonly lines: readonly {
    readonly code: string;
    readonly name: string;
    readonly quantity: number;
    readonly price: number;
  }[];
  readonly total: number;
  readonly memberName: string | undefined;
  readonly voided: boolean;
}

/** What the sales list is narrowed to: a day (yyyy-mm-dd, local), a product (code or name), a member. */
export interface SalesQuery {
  readonly day?: string;
  readonly product?: string;
  readonly memberId?: string;
}

export interface SalesLedgerDeps {
  readonly products: Pick<ProductsStore, 'list'>;
  readonly purchases: Pick<PurchasesStore, 'newestFirst' | 'lookupOf' | 'between'>;
  readonly members: Pick<MembersService, 'members'>;
  /** The shop's currency (ISO 4217): totals are rounded to its smallest unit. */
  readonly currency: () => string;
}

/** Midnight to midnight (local) of a yyyy-mm-dd day. */
function dayRange(day: string): [number, number] {
  const from = new Date(isoDateStart(day));
  const to = new Date(from);
  to.setDate(to.getDate() + 1);
  return [from.getTime(), to.getTime()];
}

export class SalesLedger {
  constructor(private readonly deps: SalesLedgerDeps) {}

  /** One page of the sales list, newest first (voided sales included and marked). */
  async listSales(query: SalesQuery, offset: number, limit: number): Promise<SaleEntry[]> {
    const { members, purchases, products } = this.deps;
    const names = new Map((await products.list()).map((p) => [p.code, p.name]));
    // Sales carry only a keyed hash of the loyalty id: one hash per member, to name them and to narrow to one.
    const memberByLookup = new Map<string, string>();
    const lookupOfMember = new Map<string, string>();
    for (const m of members.members.value.values()) {
      if (!m.loyaltyId) continue;
      const lookup = await purchases.lookupOf(m.loyaltyId);
      memberByLookup.set(lookup, m.displayName);
      lookupOfMember.set(m.id, lookup);
    }
    const memberLookup = query.memberId ? lookupOfMember.get(query.memberId) : undefined;
    if (query.memberId && !memberLookup) return [];
    const product = query.product?.trim().toLowerCase() ?? '';
    const rows = await purchases.newestFirst({
      offset,
      limit,
      keep: (p) =>
        (!query.day || isoDate(p.at) === query.day) &&
        (!memberLookup || p.customerLookup === memberLookup) &&
        (!product ||
          p.items.some(
            (i) => i.code.toLowerCase() === product || (names.get(i.code) ?? '').toLowerCase().includes(product),
          )),
    });
    const digits = currencyDigits(this.deps.currency());
    return rows.map((p) => ({
      id: p.id,
      invoice: p.invoice,
      at: p.at,
      source: p.source,
      lines: p.items.map((i) => ({
        code: i.code,
        name: names.get(i.code) ?? i.code,
        quantity: i.quantity,
        price: i.price,
      })),
      total: saleTotal(p.items, digits),
      memberName: p.customerLookup ? memberByLookup.get(p.customerLookup) : undefined,
      voided: p.voidedAt !== undefined,
    }));
  }

  /** What was sold on each of `days` (yyyy-mm-dd, local), voided sales left out. */
  async dayTotals(days: readonly string[]): Promise<Map<string, number>> {
    const digits = currencyDigits(this.deps.currency());
    const totals = new Map<string, number>();
    for (const day of new Set(days)) {
      const [from, to] = dayRange(day);
      const sales = await this.deps.purchases.between(from, to);
      totals.set(
        day,
        basketTotal(
          sales.map((p) => ({ lineTotal: saleTotal(p.items, digits) })),
          digits,
        ),
      );
    }
    return totals;
  }

  /**
   * Every sale as CSV, newest first, without personal data: no customer, no member; voided sales are marked.
   * One row per line, as sales files are.
   */
  async exportSalesCsv(): Promise<string> {
    const names = new Map((await this.deps.products.list()).map((p) => [p.code, p.name]));
    const rows = await this.deps.purchases.newestFirst({ offset: 0, limit: Infinity });
    return toCsv([
      ['invoice', 'date', 'code', 'product', 'quantity', 'unit price', 'source', 'voided'],
      ...rows.flatMap((p) =>
        p.items.map((i) => [
          p.invoice,
          new Date(p.at).toISOString(),
          i.code,
          names.get(i.code) ?? '',
          i.quantity,
          i.price,
          p.source === 'counter' ? 'counter' : 'import',
          p.voidedAt === undefined ? '' : 'void',
        ]),
      ),
    ]);
  }
}
