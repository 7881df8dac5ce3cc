// Each translation is complete and well formed: the English catalogue's every key, arrays of the same length,
// every message valid ICU with exactly the arguments the English one takes, and plural messages with the
// language's own plural forms. Strings left identical to the English are listed here, so none slips through.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { de } from './catalogue/de';
import { en } from './catalogue/en';
import { isMessage } from './message';

interface Leaf {
  readonly path: string;
  readonly english: unknown;
  readonly translated: unknown;
}

function leaves(english: object, translated: unknown, path = ''): Leaf[] {
  return Object.entries(english).flatMap(([key, value]) => {
    const here = path ? `${path}.${key}` : key;
    const other = (translated as Record<string, unknown> | undefined)?.[key];
    if (isMessage(value) || typeof value === 'string' || Array.isArray(value))
      return [{ path: here, english: value, translated: other }];
    return leaves(value as object, other, here);
  });
}

/** The names of a message's arguments, and whether it has a plural. */
function argumentsOf(elements: readonly MessageFormatElement[], names = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if (el.type === TYPE.tag) {
      argumentsOf(el.children, names);
      continue;
    }
    names.add(el.value);
    if (el.type === TYPE.select || el.type === TYPE.plural)
      for (const option of Object.values(el.options)) argumentsOf(option.value, names);
  }
  return names;
}

function pluralOptions(elements: readonly MessageFormatElement[]): string[][] {
  return elements.flatMap((el) =>
    el.type === TYPE.plural
      ? [Object.keys(el.options), ...Object.values(el.options).flatMap((o) => pluralOptions(o.value))]
      : el.type === TYPE.select
        ? Object.values(el.options).flatMap((o) => pluralOptions(o.value))
        : [],
  );
}

/** German strings that are the English word (or only arguments), and right in German too. */
const SAME_IN_GERMAN = new Set([
  'appName',
  'faces.emotion.neutral',
  'lock.signedIn',
  'members.name',
  'products.reasonCount',
  'salesList.dayTotal',
  'staff.name',
]);

const english = leaves(en, undefined);

describe('the English catalogue', () => {
  it('declares exactly the arguments each message uses, and every message parses', () => {
    const wrong = english.flatMap(({ path, english: value }) => {
      if (!isMessage(value)) return [];
      const used = [...argumentsOf(parse(value.text))].sort();
      return used.join() === [...value.args].sort().join()
        ? []
        : [`${path}: uses ${used.join()} but declares ${value.args.join()}`];
    });
    expect(wrong).toEqual([]);
  });
});

describe.each([['de', de, new Intl.PluralRules('de').resolvedOptions().pluralCategories]] as const)(
  'the %s translation',
  (_language, translation, categories) => {
    const pairs = leaves(en, translation);

    it('has every key of the English catalogue, and nothing else', () => {
      expect(pairs.filter((p) => p.translated === undefined).map((p) => p.path)).toEqual([]);
      expect(
        leaves(translation, en)
          .filter((p) => p.translated === undefined)
          .map((p) => p.path),
      ).toEqual([]);
      const arrays = pairs.filter((p) => Array.isArray(p.english));
      for (const p of arrays) expect((p.translated as string[]).length, p.path).toBe((p.english as string[]).length);
    });

    it('writes every message in valid ICU with the English arguments, and plurals in its own forms', () => {
      const problems = pairs.flatMap(({ path, english: value, translated }) => {
        if (!isMessage(value)) return typeof translated === 'string' || Array.isArray(translated) ? [] : [path];
        let ast: MessageFormatElement[];
        try {
          ast = parse(translated as string);
        } catch (e) {
          return [`${path}: ${(e as Error).message}`];
        }
        const used = [...argumentsOf(ast)].sort().join();
        const out =
          used === [...value.args].sort().join() ? [] : [`${path}: uses ${used}, English ${value.args.join()}`];
        for (const options of pluralOptions(ast)) {
          const missing = categories
            .filter((c) => c !== 'one' || !options.includes('=1'))
            .filter((c) => !options.includes(c));
          if (missing.length) out.push(`${path}: plural without ${missing.join()}`);
        }
        return out;
      });
      expect(problems).toEqual([]);
    });

    it('translates every string (only the listed ones are the same as in English)', () => {
      const same = pairs
        .filter(({ english: value, translated }) => {
          const source = isMessage(value) ? value.text : value;
          return JSON.stringify(source) === JSON.stringify(translated);
        })
        .map((p) => p.path);
      expect(same.filter((path) => !SAME_IN_GERMAN.has(path))).toEqual([]);
    });
  },
);
