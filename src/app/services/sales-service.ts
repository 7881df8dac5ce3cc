// Sales and the catalogue: products, sales-file imports (parsed in the retail worker, stored here batch by batch,
// undone if cancelled or failed), sales entered at the counter, and a member's favourite categories. Every
// change of sales or catalogue is announced to onChange listeners (the recommendations), so no page has to
// remember to refresh anything.
import type { RetailClient } from '../../client/retail-client';
import type { SalesImportReport } from '../../core/sales/import-sales';
import type { ImportProgress, ImportSalesOptions, SalesFileSurveyWithHeader } from '../../shared/retail-api';
import type { ColumnMapping } from '../../core/sales/columns';
import { localeDateOrder } from '../../core/sales/file-survey';
import { currencyDigits, priceLine } from '../../core/sales/sale-pricing';
import type { Product } from '../../core/catalogue/product';
import type { ImportsStore } from '../../store/imports-store';
import { DuplicateProductCodeError, type ProductsStore } from '../../store/products-store';
import { strings } from '../../i18n/strings';
import { type Purchase, type PurchasesStore, SalesImportSession } from '../../store/purchases-store';
import type { MembersService } from './members-service';

export interface ImportOutcome {
  readonly report: SalesImportReport;
  /** Purchases (baskets) written, including re-imported ones that replaced identical rows. */
  readonly purchasesSaved: number;
  /** Purchases that were not in the store before. */
  readonly purchasesNew: number;
  /** Sales not imported because they were already stored: from an earlier import, or entered at the counter. */
  readonly skipped: { readonly imported: number; readonly counter: number };
  /** Sales already stored with other lines, replaced by the file's. */
  readonly corrected: number;
  readonly productsAdded: number;
}

export interface SaleWho {
  readonly memberId?: string | undefined;
  readonly ageBand?: string | undefined;
  readonly gender?: string | undefined;
}

export interface SalesDeps {
  readonly products: Pick<ProductsStore, 'list' | 'put' | 'add' | 'addSeen'>;
  readonly purchases: Pick<
    PurchasesStore,
    'saveBaskets' | 'undoImport' | 'recordCounterSale' | 'ofCustomer' | 'voidSale'
  >;
  readonly imports: Pick<ImportsStore, 'record'>;
  readonly client: Pick<RetailClient, 'previewCsv' | 'surveySales' | 'importSales'>;
  /** The shop's locale: decides day or month first when a file's dates could be either. */
  readonly locale: () => string | undefined;
  /** The shop's currency (ISO 4217): counter sales are rounded to its smallest unit. */
  readonly currency: () => string;
  readonly members: Pick<MembersService, 'members'>;
}

/** A listener to changes of sales or catalogue; the change is complete when its promise settles. */
export type SalesListener = () => Promise<void>;

export class SalesService {
  readonly #listeners = new Set<SalesListener>();

  constructor(private readonly deps: SalesDeps) {}

  onChange(listener: SalesListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #changed(): Promise<void> {
    await Promise.all([...this.#listeners].map((l) => l()));
  }

  listProducts(): Promise<Product[]> {
    return this.deps.products.list();
  }

  /** Saves catalogue entries (an import, an edited discount); listeners hear of it without being waited for. */
  async putProducts(products: readonly Product[]): Promise<void> {
    await this.deps.products.put(products);
    void this.#changed();
  }

  /**
   * Adds a product entered by hand. A code already in the catalogue, a blank code or name, or a price that is
   * not an amount of 0 or more is refused with a message staff can act on.
   */
  async addProduct(product: Product): Promise<void> {
    if (!product.code.trim() || !product.name.trim()) throw new Error(strings.catalogue.missingField);
    if (!(Number.isFinite(product.price) && product.price >= 0)) throw new Error(strings.catalogue.badPrice);
    try {
      await this.deps.products.add({ ...product, code: product.code.trim() });
    } catch (err) {
      if (err instanceof DuplicateProductCodeError)
        throw new Error(strings.catalogue.duplicateCode(err.code), { cause: err });
      throw err;
    }
    void this.#changed();
  }

  /** The first rows of a CSV, for the column-mapping step. */
  previewCsv(file: Blob, rows: number): Promise<string[][]> {
    return this.deps.client.previewCsv(file, rows);
  }

  /** Reads the whole file once (storing nothing) and proposes its date order and cancellation rule. */
  surveySales(
    file: Blob,
    mapping: ColumnMapping,
    onProgress: (fraction: number) => void = () => undefined,
    signal?: AbortSignal,
  ): Promise<SalesFileSurveyWithHeader> {
    return this.deps.client.surveySales(
      crypto.randomUUID(),
      file,
      { mapping, fallbackDateOrder: localeDateOrder(this.deps.locale()) },
      (p) => onProgress(p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0),
      signal,
    );
  }

  /** Imports a sales file. Cancelled, unreadable, or the disk filled up: what it added is removed, the rest kept. */
  async importSales(
    file: File,
    options: ImportSalesOptions,
    handlers: { onProgress?: (p: ImportProgress) => void; signal?: AbortSignal } = {},
  ): Promise<ImportOutcome> {
    const { products, purchases, imports } = this.deps;
    const jobId = crypto.randomUUID();
    const session = new SalesImportSession(jobId, file.name);
    let report: SalesImportReport;
    try {
      report = await this.deps.client.importSales(
        jobId,
        file,
        options,
        {
          onBaskets: (baskets) => purchases.saveBaskets(session, baskets),
          onProgress: (p) => handlers.onProgress?.(p),
        },
        handlers.signal,
      );
    } catch (err) {
      await purchases.undoImport(session);
      throw err;
    }
    const productsAdded = await products.addSeen(report.products);
    await imports.record({
      id: jobId,
      name: file.name,
      at: Date.now(),
      accepted: report.accepted,
      rejected: report.rejected,
    });
    void this.#changed();
    return {
      report,
      purchasesSaved: session.purchases,
      purchasesNew: session.created.size,
      skipped: { ...session.skipped },
      corrected: session.corrected,
      productsAdded,
    };
  }

  /**
   * A sale entered at the counter: prices from the catalogue, less the discount in force today, linked to the
   * member being served (their history grows) or, for an anonymous visitor, to their estimated segment (for
   * segment best sellers). Resolves once the listeners have taken the new sale in, so the card rebuilt next shows
   * it. With the till's receipt number, importing the till's export later skips it (a DuplicateReceiptError when
   * that number is already recorded).
   */
  async recordCounterSale(
    lines: readonly { code: string; quantity: number }[],
    who: SaleWho,
    receipt?: string,
  ): Promise<void> {
    const products = new Map((await this.deps.products.list()).map((p) => [p.code, p]));
    const now = Date.now();
    const digits = currencyDigits(this.deps.currency());
    // What the customer paid for one: the catalogue price less the discount in force today.
    const items = lines.map((l) => {
      const product = products.get(l.code);
      const price = product ? priceLine(product, l.quantity, now, digits).unitPaid : 0;
      return { code: l.code, quantity: l.quantity, price };
    });
    const member = who.memberId ? this.deps.members.members.value.get(who.memberId) : undefined;
    const segment = !member && who.ageBand && who.gender ? `${who.ageBand}|${who.gender}` : undefined;
    await this.deps.purchases.recordCounterSale(items, member?.loyaltyId, segment, receipt);
    await this.#changed();
  }

  /** Voids a sale (kept, marked, audited; it counts nowhere from now on) and announces the change. */
  async voidSale(id: string): Promise<void> {
    await this.deps.purchases.voidSale(id);
    await this.#changed();
  }

  /** A customer's purchases (not voided), newest first, for their member page. */
  async purchasesOf(loyaltyId: string): Promise<readonly Purchase[]> {
    return (await this.deps.purchases.ofCustomer(loyaltyId)).sort((a, b) => b.at - a.at);
  }

  /** A customer's three most bought categories, most bought first. */
  async favouriteCategories(loyaltyId: string): Promise<string[]> {
    const purchases = await this.deps.purchases.ofCustomer(loyaltyId);
    const products = new Map((await this.deps.products.list()).map((p) => [p.code, p]));
    const counts = new Map<string, number>();
    for (const p of purchases) {
      for (const item of p.items) {
        const category = products.get(item.code)?.category;
        if (category) counts.set(category, (counts.get(category) ?? 0) + 1);
      }
    }
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([c]) => c);
  }
}
