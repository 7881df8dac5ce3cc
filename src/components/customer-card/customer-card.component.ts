// <customer-card>: the person being served — a member's card with their history and recommendations, or an
// anonymous visitor with suggestions for their segment and an "Enrol" button. It only renders `card` and emits
// `card-action` events; the page decides what they do.
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cssVars } from '../directives/css-vars';
import { emit } from '../emit';
import { currencyDigits, roundToCurrency } from '../../core/sales/sale-pricing';
import { numberFormat } from '../../i18n/formats';
import { strings } from '../../i18n/strings';
import { customerCardStyles } from './customer-card.styles';

export interface CardRecommendation {
  readonly code: string;
  readonly name: string;
  readonly price: number;
  /** Percent off, when the product is on discount now. */
  readonly discountPercent?: number;
  readonly reason: string;
}

export interface CardFact {
  readonly label: string;
  readonly value: string;
}

export interface CardData {
  readonly kind: 'member' | 'visitor' | 'pending' | 'suspect' | 'empty';
  readonly title: string;
  readonly subtitle: string;
  readonly colour: string;
  readonly facts: readonly CardFact[];
  readonly recommendationsTitle: string;
  readonly recommendations: readonly CardRecommendation[];
  readonly warning?: string;
}

export type CardAction = 'enrol' | 'served' | 'add-sale' | 'flag' | 'not-this-person';

declare global {
  interface HTMLElementTagNameMap {
    'customer-card': CustomerCard;
  }
  interface HTMLElementEventMap {
    'card-action': CustomEvent<{ action: CardAction }>;
  }
}

/**
 * @fires card-action - `{ action }`: staff pressed Enrol, Add sale, Served or Flag (bubbles, composed).
 */
@customElement('customer-card')
export class CustomerCard extends LitElement {
  static override styles = customerCardStyles;

  @property({ attribute: false }) card: CardData | undefined;
  /** The shop's currency (ISO 4217); amounts are written in the shop's locale (i18n/formats.ts). */
  @property() currency = 'GBP';
  /** Offer Flag (adding to the watch-list is for managers; the page says whether the user is one). */
  @property({ type: Boolean, attribute: 'can-flag' }) canFlag = false;

  #act(action: CardAction): void {
    emit(this, 'card-action', { action });
  }

  #price(r: CardRecommendation) {
    const money = numberFormat({ style: 'currency', currency: this.currency });
    if (!r.discountPercent) return money.format(r.price);
    // What the customer pays, rounded as the sale dialog rounds it (core/sales/sale-pricing.ts).
    const now = roundToCurrency(r.price * (1 - r.discountPercent / 100), currencyDigits(this.currency));
    const off = numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(r.discountPercent / 100);
    return html`<span>${money.format(now)}</span><span class="badge">−${off}</span>`;
  }

  override render() {
    const c = this.card;
    const t = strings.card;
    if (!c || c.kind === 'empty') return html`<p class="empty" role="status">${t.nobody}</p>`;
    return html`
      <section aria-live="polite" aria-label=${t.label}>
        <header ${cssVars({ '--card-colour': c.colour })}>
          <div>
            <h2 data-testid="card-title">${c.title}</h2>
            <div class="kind">${c.subtitle}</div>
          </div>
        </header>
        ${c.warning ? html`<p class="warning" role="alert">${c.warning}</p>` : nothing}
        ${
          c.facts.length
            ? html`<dl data-testid="card-facts">
                ${c.facts.map(
                  (f) =>
                    html`<div>
                      <dt>${f.label}</dt>
                      <dd>${f.value}</dd>
                    </div>`,
                )}
              </dl>`
            : nothing
        }
        ${
          c.recommendations.length
            ? html`<h3>${c.recommendationsTitle}</h3>
                <ol data-testid="recommendations">
                  ${c.recommendations.map(
                    (r) =>
                      html`<li data-code=${r.code}>
                        <span class="name">${r.name}</span><span class="price">${this.#price(r)}</span>
                        <span class="reason">${r.reason}</span>
                      </li>`,
                  )}
                </ol>`
            : nothing
        }
        <div class="actions">
          ${c.kind === 'visitor' ? html`<button @click=${() => this.#act('enrol')}>${t.enrol}</button>` : nothing}
          ${
            c.kind === 'member' || c.kind === 'visitor'
              ? html`<button class="secondary" @click=${() => this.#act('add-sale')}>${t.addSale}</button>
                  <button class="secondary" @click=${() => this.#act('served')}>${t.served}</button>
                  ${c.kind === 'member' ? html`<button class="secondary" @click=${() => this.#act('not-this-person')}>${t.notThisPerson}</button>` : nothing}
                  ${this.canFlag ? html`<button class="secondary" @click=${() => this.#act('flag')}>${t.flag}</button>` : nothing}`
              : nothing
          }
        </div>
      </section>
    `;
  }
}
