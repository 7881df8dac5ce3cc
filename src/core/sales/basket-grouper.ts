// Sales files list one row per product line; a basket is all lines of one invoice. Exports keep an invoice's
// lines together, so baskets are emitted as soon as the invoice number changes, keeping memory flat however
// large the file is. An invoice that shows up again later is emitted again and merged by the store.
import type { SaleLine } from './sale-line';

export interface BasketItem {
  readonly code: string;
  readonly quantity: number;
  readonly price: number;
}

export interface Basket {
  readonly invoice: string;
  readonly at: number;
  readonly customer: string;
  readonly items: BasketItem[];
}

export interface ProductSeen {
  readonly code: string;
  description: string;
  lastPrice: number;
  lastAt: number;
  lines: number;
}

export class BasketGrouper {
  #current: Basket | undefined;
  readonly products = new Map<string, ProductSeen>();

  constructor(private readonly emit: (basket: Basket) => void) {}

  add(line: SaleLine): void {
    if (this.#current && this.#current.invoice !== line.invoice) this.flush();
    this.#current ??= { invoice: line.invoice, at: line.at, customer: line.customer, items: [] };
    this.#current.items.push({ code: line.code, quantity: line.quantity, price: line.price });
    this.#noteProduct(line);
  }

  flush(): void {
    if (this.#current) this.emit(this.#current);
    this.#current = undefined;
  }

  #noteProduct(line: SaleLine): void {
    const seen = this.products.get(line.code);
    if (!seen) {
      this.products.set(line.code, {
        code: line.code,
        description: line.description,
        lastPrice: line.price,
        lastAt: line.at,
        lines: 1,
      });
      return;
    }
    seen.lines++;
    if (line.at >= seen.lastAt) {
      seen.lastAt = line.at;
      if (!Number.isNaN(line.price)) seen.lastPrice = line.price;
      if (line.description) seen.description = line.description;
    }
  }
}
