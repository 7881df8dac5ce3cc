// The products page's catalogue table: every product with its price and a small form per row to set or clear its
// discount. Rendered inside <products-page> (its styles, its shadow root); the page stores what the forms submit.
import { html, nothing } from 'lit';
import { activeDiscount } from '../../core/catalogue/catalogue';
import { strings } from '../../i18n/strings';
import type { Product } from '../../core/catalogue/product';

export interface CatalogueActions {
  setDiscount(product: Product, percent: number, from: string, to: string): void;
  edit(product: Product): void;
  setArchived(product: Product, archived: boolean): void;
}

/**
 * The product with the discount a row's form asks for: set when it is a real discount (0-100 % exclusive, both
 * dates given), otherwise removed.
 */
export function withDiscount(p: Product, percent: number, from: string, to: string): Product {
  const { discount: _old, ...rest } = p;
  return percent > 0 && percent < 100 && from && to ? { ...rest, discount: { percent, from, to } } : rest;
}

/** The table of `shown` products, with `now` deciding which discounts are marked as on today. */
export function renderCatalogueTable(
  shown: readonly Product[],
  now: number,
  money: Intl.NumberFormat,
  on: CatalogueActions,
) {
  const t = strings.products;
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">${t.code}</th>
          <th scope="col">${t.name}</th>
          <th scope="col">${t.category}</th>
          <th scope="col">${t.price}</th>
          <th scope="col">${t.discount}</th>
          <th scope="col"><span class="visually-hidden">${strings.catalogue.actions}</span></th>
        </tr>
      </thead>
      <tbody>
        ${shown.map((p) => {
          const active = activeDiscount(p, now);
          return html`<tr data-code=${p.code} class=${p.archived ? 'archived' : ''}>
            <td>${p.code}</td>
            <td>${p.name}${p.archived ? html` <span class="hint">${strings.catalogue.isArchived}</span>` : nothing}</td>
            <td>${p.category || strings.catalogue.uncategorised}</td>
            <td>${money.format(p.price)}</td>
            <td>
              <form
                class="row"
                aria-label=${t.discountFor(p.name)}
                @submit=${(e: Event) => {
                  e.preventDefault();
                  const d = new FormData(e.target as HTMLFormElement);
                  const text = (k: string) => {
                    const v = d.get(k);
                    return typeof v === 'string' ? v : '';
                  };
                  on.setDiscount(p, Number(text('percent')), text('from'), text('to'));
                }}
              >
                <input
                  name="percent"
                  type="number"
                  min="0"
                  max="95"
                  step="1"
                  .value=${String(p.discount?.percent ?? '')}
                  aria-label=${t.percent}
                />
                <input name="from" type="date" .value=${p.discount?.from ?? ''} aria-label=${t.from} />
                <input name="to" type="date" .value=${p.discount?.to ?? ''} aria-label=${t.to} />
                <button class="secondary" type="submit">${t.set}</button>
                ${active ? html`<span>${t.activeNow}</span>` : nothing}
              </form>
            </td>
            <td class="row">
              <button class="secondary" aria-label=${strings.catalogue.editNamed(p.name)} @click=${() => on.edit(p)}>
                ${strings.catalogue.edit}
              </button>
              <button
                class="secondary"
                aria-label=${p.archived ? strings.catalogue.restoreNamed(p.name) : strings.catalogue.archiveNamed(p.name)}
                @click=${() => on.setArchived(p, !p.archived)}
              >
                ${p.archived ? strings.catalogue.restore : strings.catalogue.archive}
              </button>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
