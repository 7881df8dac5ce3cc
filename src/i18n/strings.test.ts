// The string catalogue in use follows the shop's locale: its language when there is a catalogue for it (English
// otherwise), plural rules from the language of the text, numbers from the locale; listeners hear of changes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { de } from './catalogue/de';
import { en } from './catalogue/en';
import { currentLanguage, languageOf, onLocaleChange, setLocale, strings } from './strings';

afterEach(() => setLocale('en-GB'));

describe('languageOf', () => {
  it('takes the language of the locale when there is a catalogue for it, English otherwise', () => {
    expect(languageOf('de-CH')).toBe('de');
    expect(languageOf('de')).toBe('de');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('fr-FR')).toBe('en');
    expect(languageOf('not a locale')).toBe('en');
  });
});

describe('strings', () => {
  it('reads text in the language set, also through a section taken before the change', () => {
    const nav = strings.nav;
    setLocale('en-GB');
    expect(nav.counter).toBe(en.nav.counter);
    setLocale('de-DE');
    expect(currentLanguage()).toBe('de');
    expect(nav.counter).toBe(de.nav.counter);
    expect(strings.lock.welcome).toEqual(de.lock.welcome);
    expect(strings.camera.problems.denied).toBe(de.camera.problems.denied);
  });

  it('formats plurals by the rules of the text and numbers by the locale', () => {
    setLocale('en-GB');
    expect(strings.sale.recorded(1)).toBe('Sale recorded (1 item).');
    expect(strings.sale.recorded(2)).toBe('Sale recorded (2 items).');
    expect(strings.analytics.attendanceNewest(1234)).toContain('newest 1,234 member');
    // French formats with English text (no French catalogue): French counts 0 as "one"; the English text must not.
    setLocale('fr-FR');
    expect(currentLanguage()).toBe('en');
    expect(strings.sale.recorded(0)).toBe('Sale recorded (0 items).');
    expect(strings.analytics.attendanceNewest(1234)).toContain('newest 1\u202f234 member');
    setLocale('de-DE');
    expect(strings.products.catalogueTitle(1)).toBe('Sortiment (1 Produkt)');
    expect(strings.products.catalogueTitle(1234)).toBe('Sortiment (1.234 Produkte)');
    expect(strings.status.engineRate('wasm', 3.456)).toBe('wasm · 3,5 B/s');
  });

  it('fills a missing argument with nothing, so a select takes its other branch', () => {
    setLocale('en-GB');
    expect(strings.card.reasons.who('female', '30-39')).toBe('women 30-39');
    expect(strings.card.reasons.who(undefined, undefined)).toBe('people');
    expect(strings.products.preview.misfits(0)).toBe('');
  });

  it('tells listeners of a change of language or formats, and not of a repeat', () => {
    setLocale('en-GB');
    const heard = vi.fn();
    const stop = onLocaleChange(heard);
    setLocale('en-GB');
    expect(heard).not.toHaveBeenCalled();
    setLocale('en-US');
    setLocale('de-AT');
    expect(heard).toHaveBeenCalledTimes(2);
    stop();
    setLocale('en-GB');
    expect(heard).toHaveBeenCalledTimes(2);
  });
});
