// The locale every number and date on screen is written in: the shop's (Settings › Shop, or the browser's when
// left empty), set by the app whenever the settings load or change (app/services.ts). Components and the string
// catalogue format through these helpers, never with the browser's default, so a shop set to de-DE reads 1.234
// and 2. Dez. 2026 on every screen while the browser may be set to anything. Formatters are cached per locale
// (building one costs far more than using it).

let locale: string | undefined;
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

export function setFormatLocale(next: string | undefined): void {
  if (next === locale) return;
  locale = next;
  cache.clear();
}

/** The locale formats follow (undefined until the app sets it: the browser's). */
export function formatLocale(): string | undefined {
  return locale;
}

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

/** A number formatter in the shop's locale. */
export function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(`n${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** A date (and time) formatter in the shop's locale. */
export function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`d${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** A count or amount written the shop's way (1,234 / 1.234 / 1 234). */
export function num(n: number): string {
  return numberFormat().format(n);
}
