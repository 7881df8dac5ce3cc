// Checking a screen for English when the shop has chosen another language: every text on the page (through
// shadow roots) and every attribute people read is compared with the English catalogue's strings that the
// translation changes. Shop data (product, category and member names, file names) is taken out first.
import { type MessageFormatElement, TYPE, parse } from '@formatjs/icu-messageformat-parser';
import type { Page } from '@playwright/test';
import { IntlMessageFormat } from 'intl-messageformat';
import { en } from '../../src/i18n/catalogue/en';
import { isMessage } from '../../src/i18n/message';

/** A message of a translation filled in, as the app writes it (`de.members.enrolled` with `{ member }`). */
export function filled(icu: string, language: string, values: Record<string, string | number>): string {
  return String(new IntlMessageFormat(icu, language).format(values)).trim();
}

function literals(elements: readonly MessageFormatElement[]): string[] {
  return elements.flatMap((el) => {
    if (el.type === TYPE.literal) return [el.value];
    if (el.type === TYPE.select || el.type === TYPE.plural)
      return Object.values(el.options).flatMap((o) => literals(o.value));
    if (el.type === TYPE.tag) return literals(el.children);
    return [];
  });
}

const words = (text: string) => text.match(/[A-Za-z]{2,}/g)?.length ?? 0;

/**
 * English that must not be on screen: whole strings (a text that is exactly one of them) and phrases of two or
 * more words (found inside any text), from every entry the translation writes differently, less any text the
 * translation itself uses.
 */
export function englishOf(translation: object): { whole: Set<string>; phrases: string[] } {
  const whole = new Set<string>();
  const phrases = new Set<string>();
  const walk = (source: object, target: unknown) => {
    for (const [key, value] of Object.entries(source)) {
      const other = (target as Record<string, unknown>)[key];
      if (isMessage(value)) {
        if (value.text === other) continue;
        for (const part of literals(parse(value.text))) {
          const phrase = part.trim().replace(/^[\s,.;:()“”"—-]+|[\s,.;:()“”"—-]+$/g, '');
          if (words(phrase) >= 2) phrases.add(phrase);
        }
      } else if (typeof value === 'string' || Array.isArray(value)) {
        for (const [i, text] of (Array.isArray(value) ? (value as string[]) : [value]).entries()) {
          const translated = Array.isArray(other) ? (other as string[])[i] : other;
          if (text === translated) continue;
          whole.add(text.trim());
          if (words(text) >= 2) phrases.add(text.trim());
        }
      } else {
        walk(value as object, other);
      }
    }
  };
  walk(en, translation);
  // A word both languages use ("Name" is German too, where another key translates it) is not English on screen.
  const translated = new Set<string>();
  const collect = (node: unknown) => {
    if (typeof node === 'string') translated.add(node.trim());
    else if (node && typeof node === 'object') Object.values(node).forEach(collect);
  };
  collect(translation);
  return {
    whole: new Set([...whole].filter((t) => !translated.has(t))),
    phrases: [...phrases].filter((p) => !translated.has(p)),
  };
}

/** Every text on the page and every attribute people read (not scripts, styles or <noscript>). */
export function screenTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const read = ['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label'];
    const walk = (root: Node) => {
      for (const node of root.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          const text = node.textContent?.trim();
          if (text) out.push(text);
        } else if (node instanceof Element && !['SCRIPT', 'STYLE', 'NOSCRIPT', 'svg'].includes(node.tagName)) {
          for (const name of read) {
            const value = node.getAttribute(name)?.trim();
            if (value) out.push(value);
          }
          if (node.shadowRoot) walk(node.shadowRoot);
          walk(node);
        }
      }
    };
    walk(document.body);
    return out;
  });
}

/** The English on screen now (shop data in `data` left out): each offending text with what it matched. */
export async function englishOnScreen(
  page: Page,
  english: { whole: Set<string>; phrases: string[] },
  data: readonly string[],
): Promise<string[]> {
  const byLength = [...data].sort((a, b) => b.length - a.length);
  return (await screenTexts(page)).flatMap((raw) => {
    const text = byLength.reduce((t, d) => t.replaceAll(d, ' '), raw).trim();
    if (!text) return [];
    if (english.whole.has(text)) return [`“${raw}”`];
    const phrase = english.phrases.find((p) => text.includes(p));
    return phrase ? [`“${raw}” (has “${phrase}”)`] : [];
  });
}
