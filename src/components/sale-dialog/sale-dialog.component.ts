// <sale-dialog>: staff enter what the customer bought (product code or name from the catalogue, quantity), so the
// purchase history grows from the counter. It only collects lines and emits `sale-submit`; the page records it.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Product } from '../../core/catalogue/product';
import { strings } from '../../i18n/strings';
import { emit } from '../emit';
import { saleDialogStyles } from './sale-dialog.styles';

/** What the dialog needs to find a product by code or name. */
export type SaleProduct = Pick<Product, 'code' | 'name'>;

export interface SaleLine {
  readonly code: string;
  readonly quantity: number;
}

declare global {
  interface HTMLElementTagNameMap {
    'sale-dialog': SaleDialog;
  }
  interface HTMLElementEventMap {
    'sale-submit': CustomEvent<{ lines: SaleLine[] }>;
  }
}

/**
 * @fires sale-submit - `{ lines }`: the sale's lines, when staff record it (bubbles, composed).
 */
@customElement('sale-dialog')
export class SaleDialog extends LitElement {
  static override styles = saleDialogStyles;

  @property({ attribute: false }) products: readonly SaleProduct[] = [];
  /** Who the sale is for, shown in the title ("Sale for Ana"). */
  @property() customer = '';
  @state() private lines: SaleLine[] = [];
  @state() private error = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('#code') private codeInput!: HTMLInputElement;
  @query('#quantity') private quantityInput!: HTMLInputElement;

  open(): void {
    this.lines = [];
    this.error = '';
    this.dialog.showModal();
    this.codeInput.focus();
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

  #add(e: Event): void {
    e.preventDefault();
    const code = this.#resolve(this.codeInput.value);
    const quantity = Math.round(Number(this.quantityInput.value));
    if (!code) {
      this.error = strings.sale.unknown(this.codeInput.value.trim());
      return;
    }
    if (!(quantity >= 1 && quantity <= 999)) {
      this.error = strings.sale.badQuantity;
      return;
    }
    this.error = '';
    this.lines = [...this.lines, { code, quantity }];
    this.codeInput.value = '';
    this.quantityInput.value = '1';
    this.codeInput.focus();
  }

  #submit(): void {
    if (!this.lines.length) {
      this.error = strings.sale.empty;
      return;
    }
    emit(this, 'sale-submit', { lines: this.lines });
    this.close();
  }

  override render() {
    const t = strings.sale;
    const name = (code: string) => this.products.find((p) => p.code === code)?.name ?? code;
    return html`<dialog aria-labelledby="sale-title">
      <form @submit=${this.#add}>
        <h2 id="sale-title">${t.title(this.customer)}</h2>
        <div class="row">
          <label
            >${t.product}
            <input id="code" list="sale-products" autocomplete="off" required />
          </label>
          <label>${t.quantity} <input id="quantity" type="number" min="1" max="999" value="1" /></label>
          <button type="submit" class="secondary">${t.add}</button>
        </div>
        <datalist id="sale-products">
          ${this.products.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
        </datalist>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <ul aria-label=${t.lines}>
          ${this.lines.map((l) => html`<li>${l.quantity} × ${name(l.code)} (${l.code})</li>`)}
        </ul>
        <div class="row">
          <button type="button" class="primary" @click=${() => this.#submit()}>${t.record}</button>
          <button type="button" class="secondary" @click=${() => this.close()}>${t.cancel}</button>
        </div>
      </form>
    </dialog>`;
  }
}
