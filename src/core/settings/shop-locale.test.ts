import { describe, expect, it } from 'vitest';
import { FALLBACK_LOCALE, currencyOfLocale, shopCurrency, shopLocale } from './shop-locale';

describe('the shop’s locale and currency', () => {
  it('takes the currency from the locale’s region when the shop has not chosen one', () => {
    expect(currencyOfLocale('en-GB')).toBe('GBP');
    expect(currencyOfLocale('de')).toBe('EUR');
    expect(currencyOfLocale('fr-CH')).toBe('CHF');
    expect(currencyOfLocale('en-US')).toBe('USD');
    expect(currencyOfLocale('ja-JP')).toBe('JPY');
    expect(currencyOfLocale('sw-KE')).toBe('GBP');
    expect(currencyOfLocale('??')).toBe('GBP');
  });

  it('follows the shop’s settings first, then the browser', () => {
    expect(shopLocale({ locale: '', currency: '' }, 'de-DE')).toBe('de-DE');
    expect(shopLocale({ locale: 'en-GB', currency: '' }, 'de-DE')).toBe('en-GB');
    expect(shopLocale({ locale: 'not a locale', currency: '' }, 'fr-FR')).toBe('fr-FR');
    // A browser on the POSIX locale reports "C", which Intl refuses: the fallback, not a formatter that throws.
    expect(shopLocale({ locale: '', currency: '' }, 'C')).toBe(FALLBACK_LOCALE);
    expect(() => new Intl.NumberFormat(shopLocale({ locale: '', currency: '' }, 'C'))).not.toThrow();
    expect(shopCurrency({ locale: '', currency: '' }, 'C')).toBe('GBP');
    expect(shopCurrency({ locale: 'en-GB', currency: '' }, 'de-DE')).toBe('GBP');
    expect(shopCurrency({ locale: 'en-GB', currency: 'EUR' }, 'de-DE')).toBe('EUR');
    expect(shopCurrency({ locale: '', currency: '' }, 'nl-NL')).toBe('EUR');
  });
});
