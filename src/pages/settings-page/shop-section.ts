// Settings › Shop: the locale the shop's prices, numbers and dates are written in, and its currency. Rendered
// inside <settings-page> (its styles, its shadow root); empty choices follow the browser (core/settings/shop-locale).
import { html } from 'lit';
import type { Settings } from '../../core/settings/settings';
import { CURRENCIES, LOCALES, browserLocaleOr, currencyOfLocale } from '../../core/settings/shop-locale';
import { strings } from '../../i18n/strings';

export function renderShopSection(
  s: Settings,
  shown: { readonly locale: string; money(): Intl.NumberFormat },
  save: (change: Partial<Settings>) => void,
) {
  const t = strings.settingsPage;
  const names = new Intl.DisplayNames([shown.locale], { type: 'language' });
  const name = (tag: string) => names.of(tag) ?? tag;
  return html`<section aria-labelledby="shop">
    <h3 id="shop">${t.shop}</h3>
    <label
      >${t.locale}
      <select @change=${(e: Event) => save({ locale: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${s.locale === ''}>
          ${t.browserLocale(name(browserLocaleOr(navigator.language)))}
        </option>
        ${LOCALES.map((l) => html`<option value=${l} ?selected=${s.locale === l}>${name(l)}</option>`)}
      </select>
    </label>
    <label
      >${t.currency}
      <select
        @change=${(e: Event) => save({ currency: (e.target as HTMLSelectElement).value as Settings['currency'] })}
      >
        <option value="" ?selected=${s.currency === ''}>${t.localeCurrency(currencyOfLocale(shown.locale))}</option>
        ${CURRENCIES.map((c) => html`<option value=${c} ?selected=${s.currency === c}>${c}</option>`)}
      </select>
    </label>
    <p class="hint">${t.shopHelp(shown.money().format(1234.5))}</p>
  </section>`;
}
