// The shop's locale and currency: what every price, and the date order of an ambiguous sales file, follow. Both
// are settings; left empty, they come from the browser (its language, and the currency of that language's
// region).

/** Currencies a shop can choose (ISO 4217). */
export const CURRENCIES = ['GBP', 'EUR', 'USD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'JPY', 'CAD', 'AUD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Locales offered in Settings (any BCP 47 tag the browser knows works). */
export const LOCALES = [
  'en-GB',
  'en-US',
  'en-IE',
  'de-DE',
  'de-AT',
  'de-CH',
  'fr-FR',
  'fr-BE',
  'nl-NL',
  'es-ES',
  'it-IT',
] as const;

const EURO_REGIONS = [
  'AT',
  'BE',
  'CY',
  'DE',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PT',
  'SI',
  'SK',
];
const REGION_CURRENCY: Readonly<Record<string, Currency>> = {
  ...Object.fromEntries(EURO_REGIONS.map((r) => [r, 'EUR'])),
  GB: 'GBP',
  US: 'USD',
  CH: 'CHF',
  LI: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  CZ: 'CZK',
  JP: 'JPY',
  CA: 'CAD',
  AU: 'AUD',
};

/** The region a locale tag stands for ("de" → DE, "en" → US), or undefined for a tag the browser cannot read. */
function regionOf(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).maximize().region;
  } catch {
    return undefined;
  }
}

/** The currency of a locale's region; pounds when the region is not one the app knows. */
export function currencyOfLocale(locale: string): Currency {
  return REGION_CURRENCY[regionOf(locale) ?? ''] ?? 'GBP';
}

export interface ShopLocaleSettings {
  /** '' = the browser's. */
  readonly locale: string;
  /** '' = the currency of the locale's region. */
  readonly currency: string;
}

/** Used when neither the setting nor the browser gives a locale the browser can format with. */
export const FALLBACK_LOCALE = 'en-GB';

/**
 * The browser's own locale, or FALLBACK_LOCALE when it is not a tag Intl accepts: a browser started with the
 * POSIX locale reports "C" (WebKitGTK does), and formatting with it would throw.
 */
export function browserLocaleOr(tag: string): string {
  return regionOf(tag) !== undefined ? tag : FALLBACK_LOCALE;
}

/** The locale the shop's prices, numbers and dates are written in. */
export function shopLocale(settings: ShopLocaleSettings, browserLocale: string): string {
  return settings.locale && regionOf(settings.locale) !== undefined ? settings.locale : browserLocaleOr(browserLocale);
}

/** The shop's currency. */
export function shopCurrency(settings: ShopLocaleSettings, browserLocale: string): string {
  return settings.currency || currencyOfLocale(shopLocale(settings, browserLocale));
}
