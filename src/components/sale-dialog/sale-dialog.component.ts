// <sale-dialog>: staff enter what the customer bought (product code or name from the catalogue, quantity), so the
// purchase history grows from the counter. Each line shows its unit price, the discount in force and its total,
// and the basket its total, in the shop's currency; lines can be removed and quantities changed. It only collects
// lines and emits `sale-submit`; the page records it (at the same prices: core/sales/sale-pricing.ts).
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Product } from '../../core/catalogue/product';
import { type PricedLine, basketTotal, currencyDigits, priceLine } from '../../core/sales/sale-pricing';
import { strings } from '../../i18n/strings';
import { emit } from '../emit';
import { saleDialogStyles } from './sale-dialog.styles';

/** The most of one product a counter sale takes (the quantity inputs' max). */
const MAX_QUANTITY = 999;

/** What the dialog needs to find a product by code or name, and to price it. */
export type SaleProduct = Pick<Product, 'code' | 'name' | 'price' | 'discount'>;

export interface SaleLine {
  readonly code: string;
  readonly quantity: number;
}

declare global {
  interface HTMLElementTagNameMap {
    'sale-dialog': SaleDialog;
  }
  interface HTMLElementEventMap {
    'sale-submit': CustomEvent<SaleSubmit>;
  }
}

/** A sale staff record: its lines, and the till's receipt number when they typed it (matched by later imports). */
export interface SaleSubmit {
  readonly lines: SaleLine[];
  readonly receipt?: string;
}

/**
 * @fires sale-submit - `{ lines, receipt? }`: the sale's lines and the till's receipt number, when staff record it
 * (bubbles, composed).
 */
@customElement('sale-dialog')
export class SaleDialog extends LitElement {
  static override styles = saleDialogStyles;

  @property({ attribute: false }) products: readonly SaleProduct[] = [];
  /** Who the sale is for, shown in the title ("Sale for Ana"). */
  @property() customer = '';
  /** The shop's currency (ISO 4217) and locale. */
  @property() currency = 'GBP';
  @property() locale: string | undefined;
  @state() private lines: SaleLine[] = [];
  @state() private error = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('#code') private codeInput!: HTMLInputElement;
  @query('#quantity') private quantityInput!: HTMLInputElement;
  @query('#receipt') private receiptInput!: HTMLInputElement;

  /**
   * Opens the dialog empty, or with a sale that could not be recorded (`again`, and why), so staff correct it
   * instead of typing it in again.
   */
  open(again?: SaleSubmit, error = ''): void {
    this.lines = again ? [...again.lines] : [];
    this.error = error;
    this.receiptInput.value = again?.receipt ?? '';
    this.dialog.showModal();
    (again ? this.receiptInput : this.codeInput).focus();
  }

  close(): void {
    this.dialog.close();
  }

  /** A typed code, or a catalogue name, resolved to a product code. */
  #resolve(text: string): string | undefined {
    const t = text.trim();
    if (!t) return undefined;
    const byCode = this.products.find((p) => p.code === t);
    if (byCode) return byCode.code;
    const lower = t.toLowerCase();
    return this.products.find((p) => p.name.toLowerCase() === lower || `${p.code} — ${p.name}`.toLowerCase() === lower)
      ?.code;
  }

  /** A typed quantity as a whole number from 1 to MAX_QUANTITY, or undefined (and the error shown). */
  #quantity(text: string): number | undefined {
    const quantity = Math.round(Number(text));
    if (quantity >= 1 && quantity <= MAX_QUANTITY) return quantity;
    this.error = strings.sale.badQuantity;
    return undefined;
  }

  #add(e: Event): void {
    e.preventDefault();
    const code = this.#resolve(this.codeInput.value);
    if (!code) {
      this.error = strings.sale.unknown(this.codeInput.value.trim());
      return;
    }
    const quantity = this.#quantity(this.quantityInput.value);
    if (quantity === undefined) return;
    this.error = '';
    const same = this.lines.find((l) => l.code === code);
    this.lines = same
      ? this.lines.map((l) => (l === same ? { code, quantity: Math.min(MAX_QUANTITY, l.quantity + quantity) } : l))
      : [...this.lines, { code, quantity }];
    this.codeInput.value = '';
    this.quantityInput.value = '1';
    this.codeInput.focus();
  }

  #setQuantity(code: string, text: string): void {
    const quantity = this.#quantity(text);
    if (quantity === undefined) return;
    this.error = '';
    this.lines = this.lines.map((l) => (l.code === code ? { code, quantity } : l));
  }

  #remove(code: string): void {
    this.lines = this.lines.filter((l) => l.code !== code);
  }

  #priced(now: number, digits: number): PricedLine[] {
    return this.lines.flatMap((l) => {
      const product = this.products.find((p) => p.code === l.code);
      return product ? [priceLine(product, l.quantity, now, digits)] : [];
    });
  }

  #renderLines() {
    const t = strings.sale;
    const digits = currencyDigits(this.currency);
    const money = new Intl.NumberFormat(this.locale, { style: 'currency', currency: this.currency });
    const priced = this.#priced(Date.now(), digits);
    const name = (code: string) => this.products.find((p) => p.code === code)?.name ?? code;
    if (!priced.length) return html`<p class="hint">${t.noLines}</p>`;
    return html`<table aria-label=${t.lines}>
      <thead>
        <tr>
          <th scope="col">${t.quantity}</th>
          <th scope="col">${t.item}</th>
          <th scope="col" class="num">${t.unitPrice}</th>
          <th scope="col" class="num">${t.lineTotal}</th>
          <th scope="col"><span class="visually-hidden">${t.remove}</span></th>
        </tr>
      </thead>
      <tbody>
        ${priced.map(
          (l) =>
            html`<tr data-code=${l.code}>
              <td>
                <input
                  type="number"
                  min="1"
                  max=${MAX_QUANTITY}
                  aria-label=${t.quantityOf(name(l.code))}
                  .value=${String(l.quantity)}
                  @change=${(e: Event) => this.#setQuantity(l.code, (e.target as HTMLInputElement).value)}
                />
              </td>
              <td>${name(l.code)} <span class="code">${l.code}</span></td>
              <td class="num">
                ${
                  l.discountPercent === undefined
                    ? money.format(l.unitPaid)
                    : html`<s>${money.format(l.unitPrice)}</s> ${money.format(l.unitPaid)}
                        <span class="discount">${t.discount(l.discountPercent)}</span>`
                }
              </td>
              <td class="num" data-testid="line-total">${money.format(l.lineTotal)}</td>
              <td>
                <button
                  type="button"
                  class="secondary"
                  aria-label=${t.removeItem(name(l.code))}
                  @click=${() => this.#remove(l.code)}
                >
                  ×
                </button>
              </td>
            </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colspan="3">${t.total}</th>
          <td class="num" data-testid="sale-total">${money.format(basketTotal(priced, digits))}</td>
          <td></td>
        </tr>
      </tfoot>
    </table>`;
  }

  #submit(): void {
    if (!this.lines.length) {
      this.error = strings.sale.empty;
      return;
    }
    const receipt = this.receiptInput.value.trim();
    emit(this, 'sale-submit', { lines: this.lines, ...(receipt ? { receipt } : {}) });
    this.close();
  }

  override render() {
    const t = strings.sale;
    return html`<dialog aria-labelledby="sale-title">
      <form @submit=${this.#add}>
        <h2 id="sale-title">${this.customer ? t.titleFor(this.customer) : t.title}</h2>
        <div class="row">
          <label
            >${t.product}
            <input id="code" list="sale-products" autocomplete="off" required />
          </label>
          <label>${t.quantity} <input id="quantity" type="number" min="1" max=${MAX_QUANTITY} value="1" /></label>
          <button type="submit" class="secondary">${t.add}</button>
        </div>
        <datalist id="sale-products">
          ${this.products.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
        </datalist>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing} ${this.#renderLines()}
        <label
          >${t.receipt}
          <input id="receipt" autocomplete="off" inputmode="numeric" />
        </label>
        <div class="row">
          <button type="button" class="primary" @click=${() => this.#submit()}>${t.record}</button>
          <button type="button" class="secondary" @click=${() => this.close()}>${t.cancel}</button>
        </div>
      </form>
    </dialog>`;
  }
}
