// <sales-list>: Products › Sales. Every sale, newest first, a page at a time, narrowed to a day, a product or a
// member; each day's takings; a sale voided after a mistake (kept and marked, it counts nowhere from then on);
// and an export of all sales without personal data. Reloads whenever sales change (an import, a counter sale).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { observe } from '../../app/observable';
import { consume } from '../../app/services/context';
import { membersContext, salesContext, salesLedgerContext, settingsContext } from '../../app/services/contexts';
import type { SettingsService } from '../../app/services/settings-service';
import type { MembersService } from '../../app/services/members-service';
import type { SaleEntry, SalesLedger, SalesQuery } from '../../app/services/sales-ledger';
import type { SalesService } from '../../app/services/sales-service';
import { isoDate } from '../../core/catalogue/catalogue';
import { formStyles } from '../../components/shared-styles/form-styles';
import { strings } from '../../i18n/strings';
import { FollowSales } from './follow-sales';
import { saveFile } from '../../components/save-file';
import { errorText } from '../../i18n/error-text';

declare global {
  interface HTMLElementTagNameMap {
    'sales-list': SalesList;
  }
}

const PAGE = 25;

@customElement('sales-list')
export class SalesList extends LitElement {
  static override styles = [
    formStyles,
    css`
      .num {
        text-align: right;
        white-space: nowrap;
      }
      tr.voided td {
        color: var(--muted, #94a3b8);
      }
    `,
  ];

  @consume(salesLedgerContext) private ledger!: SalesLedger;
  @consume(salesContext) private sales!: SalesService;
  @consume(membersContext) private members!: MembersService;
  @consume(settingsContext) private settings!: SettingsService;
  @state() private entries: SaleEntry[] = [];
  @state() private totals = new Map<string, number>();
  @state() private query: SalesQuery = {};
  @state() private offset = 0;
  /** The sale whose Void button was pressed once: a second press confirms. */
  @state() private confirming: string | undefined;
  @state() private message = '';
  #loading = 0;

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
    observe(this, this.members.members, this.settings.settings);
  }

  /** Reads the list again (the products page asks after the demo shop was loaded or removed). */
  reload(): Promise<void> {
    return this.#load();
  }

  async #load(): Promise<void> {
    // A later load (a newer filter) wins over one still running.
    const mine = ++this.#loading;
    const entries = await this.ledger.listSales(this.query, this.offset, PAGE + 1);
    const totals = await this.ledger.dayTotals(entries.slice(0, PAGE).map((e) => isoDate(e.at)));
    if (mine !== this.#loading) return;
    this.entries = entries;
    this.totals = totals;
  }

  #narrow(change: Partial<SalesQuery>): void {
    // An emptied field narrows nothing.
    this.query = Object.fromEntries(Object.entries({ ...this.query, ...change }).filter(([, v]) => v));
    this.offset = 0;
    void this.#load();
  }

  #page(offset: number): void {
    this.offset = Math.max(0, offset);
    void this.#load();
  }

  async #void(entry: SaleEntry): Promise<void> {
    if (this.confirming !== entry.id) {
      this.confirming = entry.id;
      return;
    }
    this.confirming = undefined;
    try {
      await this.sales.voidSale(entry.id);
      this.message = strings.salesList.voided(entry.invoice);
    } catch (err) {
      this.message = strings.salesList.voidFailed(errorText(err));
    }
  }

  async #export(): Promise<void> {
    saveFile(`sales-${isoDate(Date.now())}.csv`, new Blob([await this.ledger.exportSalesCsv()], { type: 'text/csv' }));
  }

  #renderFilters() {
    const t = strings.salesList;
    const members = [...this.members.members.value.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
    return html`<div class="row">
      <label class="inline"
        >${t.day}
        <input
          type="date"
          .value=${this.query.day ?? ''}
          @change=${(e: Event) => this.#narrow({ day: (e.target as HTMLInputElement).value })}
      /></label>
      <label class="inline"
        >${t.product}
        <input
          type="search"
          .value=${this.query.product ?? ''}
          @change=${(e: Event) => this.#narrow({ product: (e.target as HTMLInputElement).value })}
      /></label>
      <label class="inline"
        >${t.member}
        <select @change=${(e: Event) => this.#narrow({ memberId: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!this.query.memberId}>${t.anyone}</option>
          ${members.map((m) => html`<option value=${m.id} ?selected=${this.query.memberId === m.id}>${m.displayName}</option>`)}
        </select></label
      >
      <button class="secondary" @click=${() => void this.#export()}>${t.export}</button>
    </div>`;
  }

  #renderRow(e: SaleEntry, money: Intl.NumberFormat, time: Intl.DateTimeFormat) {
    const t = strings.salesList;
    return html`<tr class=${e.voided ? 'voided' : ''} data-invoice=${e.invoice}>
      <td>${time.format(e.at)}</td>
      <td>${e.invoice}</td>
      <td>${e.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ')}</td>
      <td>${e.memberName ?? ''}</td>
      <td class="num">${e.voided ? html`<s>${money.format(e.total)}</s>` : money.format(e.total)}</td>
      <td>
        ${
          e.voided
            ? t.isVoid
            : html`<button class="secondary" @click=${() => void this.#void(e)}>
                ${this.confirming === e.id ? t.confirmVoid : t.void}
              </button>`
        }
      </td>
    </tr>`;
  }

  override render() {
    const t = strings.salesList;
    const money = this.settings.money();
    const time = new Intl.DateTimeFormat(this.settings.locale, { dateStyle: 'medium', timeStyle: 'short' });
    const shown = this.entries.slice(0, PAGE);
    const days = [...new Set(shown.map((e) => isoDate(e.at)))];
    return html`${this.#renderFilters()}
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      ${
        shown.length
          ? html`<div class="table-wrap">
                <table aria-label=${t.label}>
                  <thead>
                    <tr>
                      <th scope="col">${t.when}</th>
                      <th scope="col">${t.invoice}</th>
                      <th scope="col">${t.items}</th>
                      <th scope="col">${t.member}</th>
                      <th scope="col" class="num">${t.total}</th>
                      <th scope="col"><span class="visually-hidden">${t.void}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${shown.map((e) => this.#renderRow(e, money, time))}
                  </tbody>
                </table>
              </div>
              <ul class="hint" aria-label=${t.dayTotals} data-testid="day-totals">
                ${days.map((d) => html`<li>${t.dayTotal(d, money.format(this.totals.get(d) ?? 0))}</li>`)}
              </ul>`
          : html`<p class="hint">${t.none}</p>`
      }
      <div class="row">
        <button class="secondary" ?disabled=${this.offset === 0} @click=${() => this.#page(this.offset - PAGE)}>
          ${t.newer}
        </button>
        <button
          class="secondary"
          ?disabled=${this.entries.length <= PAGE}
          @click=${() => this.#page(this.offset + PAGE)}
        >
          ${t.older}
        </button>
      </div>`;
  }
}
