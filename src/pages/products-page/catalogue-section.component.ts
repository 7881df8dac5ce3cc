// <catalogue-section>: Products › Catalogue. The shop's products, searchable; a product added or edited by hand
// (codes unique), archived (kept for the sales that name it, never suggested or sold again) or restored; a
// discount set per product; and a catalogue CSV import, which goes through the same store as the hand edits.
// Reloads whenever sales or the catalogue change.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { observe } from '../../app/observable';
import { consume } from '../../app/services/context';
import { salesContext, settingsContext } from '../../app/services/contexts';
import type { SalesService } from '../../app/services/sales-service';
import type { SettingsService } from '../../app/services/settings-service';
import { type CatalogueRejection, parseCatalogueCsv } from '../../core/catalogue/catalogue';
import type { Product } from '../../core/catalogue/product';
import { formStyles } from '../../components/shared-styles/form-styles';
import { strings } from '../../i18n/strings';
import { FollowSales } from './follow-sales';
import { renderCatalogueTable, withDiscount } from './catalogue-table';
import { renderProductForm } from './product-form';
import { errorText } from '../../i18n/error-text';

declare global {
  interface HTMLElementTagNameMap {
    'catalogue-section': CatalogueSection;
  }
}

@customElement('catalogue-section')
export class CatalogueSection extends LitElement {
  static override styles = formStyles;

  @consume(salesContext) private sales!: SalesService;
  @consume(settingsContext) private settings!: SettingsService;
  @state() private products: Product[] = [];
  @state() private filter = '';
  @state() private message = '';
  @state() private rejected: CatalogueRejection[] = [];
  /** The product in the form: undefined = no form, null = a new product. */
  @state() private editing: Product | null | undefined;

  constructor() {
    super();
    // Loads when connected, and again after every change of sales or catalogue.
    new FollowSales(
      this,
      () => this.sales,
      () => this.#load(),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    observe(this, this.settings.settings);
  }

  /** Reads the list again (the products page asks after the demo shop was loaded or removed). */
  reload(): Promise<void> {
    return this.#load();
  }

  async #load(): Promise<void> {
    this.products = await this.sales.listProducts();
  }

  async #pickCatalogue(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const { products, rejected } = parseCatalogueCsv(await file.text());
    await this.sales.putProducts(products);
    this.message = strings.products.catalogueImported(products.length, rejected.length);
    this.rejected = rejected;
    await this.#load();
  }

  async #save(product: Product, isNew: boolean): Promise<void> {
    try {
      if (isNew) await this.sales.addProduct(product);
      else await this.sales.putProducts([product]);
      this.editing = undefined;
      this.message = strings.catalogue.saved(product.name);
    } catch (err) {
      this.message = errorText(err);
    }
    await this.#load();
  }

  async #setArchived(p: Product, archived: boolean): Promise<void> {
    await this.sales.putProducts([{ ...p, archived }]);
    this.message = archived ? strings.catalogue.archived(p.name) : strings.catalogue.restored(p.name);
    await this.#load();
  }

  override render() {
    const t = strings.products;
    const money = this.settings.money();
    const needle = this.filter.toLowerCase();
    const matching = this.products.filter(
      (p) => !needle || `${p.code} ${p.name} ${p.category}`.toLowerCase().includes(needle),
    );
    const shown = matching.slice(0, 200);
    return html`<h3 id="catalogue">${t.catalogueTitle(this.products.length)}</h3>
      <div class="row">
        <label class="inline"
          >${t.chooseCatalogue} <input type="file" accept=".csv,text/csv" @change=${this.#pickCatalogue}
        /></label>
        <label class="inline"
          >${t.search}
          <input type="search" @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
        /></label>
        <button class="secondary" @click=${() => (this.editing = null)}>${strings.catalogue.add}</button>
      </div>
      ${
        this.editing !== undefined
          ? renderProductForm(this.editing, {
              save: (p) => void this.#save(p, this.editing === null),
              cancel: () => (this.editing = undefined),
            })
          : nothing
      }
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      ${
        this.rejected.length
          ? html`<ul>
              ${this.rejected.slice(0, 20).map((r) => html`<li>${t.line(r.line, t.catalogueRejects[r.reason])}</li>`)}
            </ul>`
          : nothing
      }
      ${renderCatalogueTable(shown, Date.now(), money, {
        setDiscount: (p, percent, from, to) => void this.sales.putProducts([withDiscount(p, percent, from, to)]),
        edit: (p) => (this.editing = p),
        setArchived: (p, archived) => void this.#setArchived(p, archived),
      })}
      ${matching.length > shown.length ? html`<p class="hint">${t.moreProducts(matching.length - shown.length)}</p>` : nothing}`;
  }
}
