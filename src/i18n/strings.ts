// Every user-facing string, in the shop's language: components read `strings.section.key` (text) or call
// `strings.section.key(args)` (a message with arguments) at render time, so a change of language shows on the
// next render (app-shell re-renders every screen when it happens). The catalogues are in ./catalogue; this module
// picks one and formats its ICU messages with intl-messageformat: plural rules follow the language of the text,
// numbers and dates the shop's locale (./formats.ts), so English text with French formats still says "1 item"
// and "0 items".
import { IntlMessageFormat, type Formatters } from 'intl-messageformat';
import { de } from './catalogue/de';
import { en } from './catalogue/en';
import { dateFormat, formatLocale, numberFormat, setFormatLocale } from './formats';
import { isMessage, type Localised, type Translation } from './message';

/** The languages the interface is written in; any other locale shows English text with its own formats. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

const TRANSLATIONS: Readonly<Record<Exclude<Language, 'en'>, Translation<typeof en>>> = { de };

let language: Language = 'en';
const compiled = new Map<string, IntlMessageFormat>();
const listeners = new Set<() => void>();

/** The language of the interface for a locale (empty: the browser's): its own if there is a catalogue. */
export function languageOf(locale: string | undefined): Language {
  // Node (unit tests, the eval harness) may have no navigator.
  const tag = locale || (typeof navigator === 'undefined' ? 'en' : navigator.language);
  let code: string;
  try {
    code = new Intl.Locale(tag).language;
  } catch {
    return 'en';
  }
  return (LANGUAGES as readonly string[]).includes(code) ? (code as Language) : 'en';
}

/** The language the interface is in now. */
export function currentLanguage(): Language {
  return language;
}

/**
 * Sets the shop's locale (empty: the browser's): the language of every string and the formats of every number and
 * date. Listeners hear of any change.
 */
export function setLocale(locale: string | undefined): void {
  const next = languageOf(locale);
  const before = formatLocale();
  setFormatLocale(locale || undefined);
  if (next === language && before === formatLocale()) return;
  language = next;
  compiled.clear();
  for (const listener of listeners) listener();
}

/** Calls `listener` after each change of language or formats; returns the unsubscribe. */
export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Plural rules from the text's language; numbers and dates from the shop's locale (cached in ./formats).
const formatters: Formatters = {
  getNumberFormat: (_locales, options) => numberFormat(options),
  getDateTimeFormat: (_locales, options) => dateFormat(options ?? {}),
  getPluralRules: (_locales, options) => new Intl.PluralRules(language, options),
};

function translated(path: readonly string[]): unknown {
  if (language === 'en') return undefined;
  let node: unknown = TRANSLATIONS[language];
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}

function text(path: readonly string[], english: string | readonly string[]): string | readonly string[] {
  const t = translated(path);
  return typeof t === 'string' || Array.isArray(t) ? (t as string | readonly string[]) : english;
}

function format(path: readonly string[], english: string, names: readonly string[], args: readonly unknown[]) {
  const key = path.join('.');
  let message = compiled.get(key);
  if (!message) {
    const source = translated(path);
    message = new IntlMessageFormat(typeof source === 'string' ? source : english, language, undefined, {
      formatters,
    });
    compiled.set(key, message);
  }
  // A missing argument (an optional one left out) reads as empty: a select then takes its `other` branch.
  const values = Object.fromEntries(names.map((name, i) => [name, (args[i] as string | number | undefined) ?? '']));
  return String(message.format(values)).trim();
}

function view(node: object, path: readonly string[]): object {
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    const here = [...path, key];
    if (isMessage(value)) {
      const { text: english, args } = value;
      Object.defineProperty(out, key, {
        enumerable: true,
        value: (...values: unknown[]) => format(here, english, args, values),
      });
    } else if (typeof value === 'string' || Array.isArray(value)) {
      const english = value as string | readonly string[];
      Object.defineProperty(out, key, { enumerable: true, get: () => text(here, english) });
    } else {
      Object.defineProperty(out, key, { enumerable: true, value: view(value as object, here) });
    }
  }
  return Object.freeze(out);
}

export const strings = view(en, []) as Localised<typeof en>;
