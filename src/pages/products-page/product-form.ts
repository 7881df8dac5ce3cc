// The form to add a product by hand or edit one, rendered inside <catalogue-section>. The code of an existing
// product cannot change (sales name products by code); prices are amounts in the shop's currency.
import { html } from 'lit';
import type { Product } from '../../core/catalogue/product';
import { strings } from '../../i18n/strings';

export function renderProductForm(product: Product | null, on: { save(product: Product): void; cancel(): void }) {
  const t = strings.catalogue;
  const submit = (e: Event) => {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => {
      const v = d.get(k);
      return typeof v === 'string' ? v.trim() : '';
    };
    // An edit keeps what the form does not show (discount, archived).
    on.save({
      ...product,
      code: product?.code ?? text('code'),
      name: text('name'),
      category: text('category'),
      price: Number(text('price')),
    });
  };
  return html`<form class="message" aria-label=${product ? t.editTitle(product.name) : t.addTitle} @submit=${submit}>
    <div class="row">
      <label
        >${t.code}
        <input name="code" required maxlength="40" .value=${product?.code ?? ''} ?readonly=${product !== null}
      /></label>
      <label>${t.name} <input name="name" required maxlength="120" .value=${product?.name ?? ''} /></label>
      <label>${t.category} <input name="category" maxlength="60" .value=${product?.category ?? ''} /></label>
      <label
        >${t.price}
        <input name="price" type="number" required min="0" step="0.01" .value=${product ? String(product.price) : ''}
      /></label>
    </div>
    <div class="row">
      <button type="submit">${t.save}</button>
      <button type="button" class="secondary" @click=${() => on.cancel()}>${t.cancel}</button>
    </div>
  </form>`;
}
