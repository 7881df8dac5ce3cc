// <products-page>: the demo shop, sales import (column mapping when needed, a preview of the rules the whole file
// is read by, progress, cancel and a report of rejected and skipped rows), the sales list (<sales-list>), training
// the recommendation model, and the catalogue (<catalogue-section>).
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { observe } from '../../app/observable';
import { consume } from '../../app/services/context';
import { demoShopContext, recommendationsContext, salesContext } from '../../app/services/contexts';
import type { DemoShopService } from '../../app/services/demo-shop-service';
import type { RecommendationService } from '../../app/services/recommendation-service';
import type { ImportOutcome, SalesService } from '../../app/services/sales-service';
import { type ColumnMapping, detectColumns, missingRequired } from '../../core/sales/columns';
import type { ImportRules } from '../../core/sales/sale-line';
import type { SalesFileSurveyWithHeader } from '../../shared/retail-api';
import { formStyles } from '../../components/shared-styles/form-styles';
import '../../components/recommender-summary/recommender-summary.component';
import './sales-list.component';
import { strings } from '../../i18n/strings';
import './catalogue-section.component';
import { renderImportReport } from './import-report';
import { renderColumnMapping, renderImportPreview } from './import-preview';
import { errorText } from '../../i18n/error-text';
import { isAbortError } from '../../core/abort';

declare global {
  interface HTMLElementTagNameMap {
    'products-page': ProductsPage;
  }
}

@customElement('products-page')
export class ProductsPage extends LitElement {
  static override styles = formStyles;

  @consume(salesContext) private sales!: SalesService;
  @consume(recommendationsContext) private recommendations!: RecommendationService;
  @consume(demoShopContext) private demo!: DemoShopService;
  @state() private file: File | undefined;
  @state() private header: string[] = [];
  @state() private mapping: ColumnMapping | undefined;
  /** The whole file read once, and the rules staff confirm in the preview before anything is stored. */
  @state() private survey: SalesFileSurveyWithHeader | undefined;
  @state() private rules: ImportRules | undefined;
  /** How far the reading of the chosen file is (0-1), while it is read. */
  @state() private surveying: number | undefined;
  @state() private progress: number | undefined;
  @state() private outcome: ImportOutcome | undefined;
  @state() private error = '';
  @state() private training: number | undefined;
  @state() private trainMessage = '';
  @state() private demoMessage = '';
  #abort: AbortController | undefined;
  #surveyAbort: AbortController | undefined;
  #trainAbort: AbortController | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    observe(this, this.demo.state, this.recommendations.model);
  }

  /** The demo shop's products and sales come and go without an import: the lists below read them again. */
  async #reloadLists(): Promise<void> {
    await this.updateComplete;
    await Promise.all([
      this.renderRoot.querySelector('catalogue-section')?.reload(),
      this.renderRoot.querySelector('sales-list')?.reload(),
    ]);
  }

  async #removeDemo(): Promise<void> {
    this.demoMessage = '';
    try {
      await this.demo.remove();
      this.demoMessage = strings.demo.removed;
    } catch (err) {
      this.demoMessage = errorText(err);
    }
    await this.#reloadLists();
  }

  async #loadDemo(): Promise<void> {
    this.demoMessage = '';
    await this.demo.load();
    await this.#reloadLists();
  }

  #renderDemo() {
    const demo = this.demo.state.value;
    const t = strings.demo;
    const busy = demo.state === 'loading' || demo.state === 'training';
    return html`<section aria-labelledby="demo-title">
      <h3 id="demo-title">${t.label}</h3>
      ${
        demo.state === 'absent'
          ? html`<button class="secondary" @click=${() => void this.#loadDemo()}>${t.loadAgain}</button>`
          : html`<p class="hint">${t.notice}</p>
              <button class="secondary" ?disabled=${busy} @click=${() => void this.#removeDemo()}>${t.remove}</button>`
      }
      ${this.demoMessage ? html`<p class="message" role="status">${this.demoMessage}</p>` : nothing}
    </section>`;
  }

  async #pickSales(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    this.outcome = undefined;
    this.error = '';
    this.survey = undefined;
    this.rules = undefined;
    if (!file) return;
    this.file = file;
    try {
      const preview = await this.sales.previewCsv(file, 2);
      this.header = preview[0] ?? [];
      this.mapping = detectColumns(this.header);
      // A recognised header goes straight to the preview; anything else asks for the column mapping first.
      if (missingRequired(this.mapping).length === 0) await this.#survey();
    } catch (err) {
      this.error = errorText(err);
    }
  }

  /** Reads the whole file once and proposes the rules it will be imported by. */
  async #survey(): Promise<void> {
    if (!this.file || !this.mapping) return;
    this.surveying = 0;
    this.#surveyAbort = new AbortController();
    try {
      this.survey = await this.sales.surveySales(
        this.file,
        this.mapping,
        (f) => (this.surveying = f),
        this.#surveyAbort.signal,
      );
      this.rules = { dateOrder: this.survey.proposed.dateOrder.order, cancelPrefix: this.survey.proposed.cancelPrefix };
    } catch (err) {
      if (isAbortError(err)) {
        this.#discard();
        this.error = strings.products.surveyCancelled;
      } else {
        this.error = errorText(err);
      }
    } finally {
      this.surveying = undefined;
      this.#surveyAbort = undefined;
    }
  }

  #discard(): void {
    this.file = undefined;
    this.survey = undefined;
    this.rules = undefined;
  }

  async #import(): Promise<void> {
    if (!this.file || !this.mapping || !this.rules) return;
    this.#abort = new AbortController();
    this.progress = 0;
    this.error = '';
    const total = this.file.size;
    try {
      this.outcome = await this.sales.importSales(
        this.file,
        { mapping: this.mapping, rules: this.rules },
        {
          signal: this.#abort.signal,
          onProgress: (p) => (this.progress = total ? p.bytesRead / total : undefined),
        },
      );
      this.#discard();
    } catch (err) {
      this.error = isAbortError(err) ? strings.products.cancelled : errorText(err);
    } finally {
      this.progress = undefined;
      this.#abort = undefined;
    }
  }

  async #train(): Promise<void> {
    this.#trainAbort = new AbortController();
    this.training = 0;
    this.trainMessage = '';
    try {
      const summary = await this.recommendations.train((f) => (this.training = f), this.#trainAbort.signal);
      this.trainMessage = strings.products.trained(summary.items, summary.baskets, summary.seconds);
    } catch (err) {
      this.trainMessage = isAbortError(err) ? strings.products.trainCancelled : errorText(err);
    } finally {
      this.training = undefined;
    }
  }

  #renderImportSteps() {
    if (!this.file || !this.mapping || this.progress !== undefined) return nothing;
    const name = this.file.name;
    if (this.surveying !== undefined)
      return html`<div class="row" role="status" data-testid="surveying">
        <span>${strings.products.surveying(name)}</span>
        <progress aria-label=${strings.products.surveying(name)} max="1" .value=${this.surveying}></progress>
        <button class="secondary" @click=${() => this.#surveyAbort?.abort()}>${strings.products.cancel}</button>
      </div>`;
    if (this.survey && this.rules)
      return renderImportPreview(name, this.survey, this.rules, {
        change: (rules) => (this.rules = rules),
        start: () => void this.#import(),
        discard: () => this.#discard(),
      });
    return renderColumnMapping(name, this.header, this.mapping, {
      change: (mapping) => (this.mapping = mapping),
      next: () => void this.#survey(),
    });
  }

  override render() {
    const t = strings.products;
    return html`<h2>${strings.pages.products.title}</h2>
      ${this.#renderDemo()}
      <section aria-labelledby="sales">
        <h3 id="sales">${t.salesTitle}</h3>
        <p class="hint">${t.salesHelp}</p>
        <label
          >${t.chooseSales}
          <input
            type="file"
            accept=".csv,text/csv,.tsv,.txt"
            @change=${this.#pickSales}
            ?disabled=${this.progress !== undefined}
        /></label>
        ${this.#renderImportSteps()}
        ${
          this.progress !== undefined
            ? html`<div class="row">
                <progress aria-label=${t.importing} max="1" .value=${this.progress}></progress>
                <button class="secondary" @click=${() => this.#abort?.abort()}>${t.cancel}</button>
              </div>`
            : nothing
        }
        ${this.error ? html`<p class="message error" role="alert">${this.error}</p>` : nothing}
        ${this.outcome ? renderImportReport(this.outcome) : nothing}
      </section>
      <section aria-labelledby="sales-list">
        <h3 id="sales-list">${strings.salesList.title}</h3>
        <sales-list></sales-list>
      </section>
      <section aria-labelledby="train">
        <h3 id="train">${t.trainTitle}</h3>
        <p class="hint">${t.trainHelp}</p>
        ${
          this.training !== undefined
            ? html`<div class="row">
                <progress aria-label=${t.training} max="1" .value=${this.training}></progress>
                <button class="secondary" @click=${() => this.#trainAbort?.abort()}>${t.cancel}</button>
              </div>`
            : html`<button @click=${() => void this.#train()}>${t.train}</button>`
        }
        ${this.trainMessage ? html`<p class="message" role="status" data-testid="train-status">${this.trainMessage}</p>` : nothing}
        <recommender-summary .model=${this.recommendations.model.value}></recommender-summary>
      </section>
      <section aria-labelledby="catalogue">
        <catalogue-section></catalogue-section>
      </section>`;
  }
}
