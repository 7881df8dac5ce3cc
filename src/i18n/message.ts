// The shape of a string catalogue. The English catalogue (catalogue/en.ts) is the source: every leaf is either
// plain text or a message with arguments, written in ICU MessageFormat (plural, select, number) and formatted by
// intl-messageformat. A translation (catalogue/de.ts) has the same tree with every leaf a plain string, so a
// translator edits text and nothing else; ./catalogue.test.ts checks that each translation has every key, the
// same arguments and valid syntax.

/** A message with arguments: its ICU text and the names its positional arguments take, in order. */
export interface Message<Args extends readonly unknown[]> {
  readonly text: string;
  readonly args: readonly string[];
  /** Only for the type checker: what the localised function takes. */
  readonly __args?: Args;
}

/**
 * A message whose arguments, passed in this order, fill the ICU placeholders `names`:
 * `m<[n: number]>('{n, plural, one {# item} other {# items}}', 'n')`.
 */
export function m<Args extends readonly unknown[]>(text: string, ...names: string[]): Message<Args> {
  return { text, args: names };
}

export function isMessage(value: unknown): value is Message<readonly unknown[]> {
  return typeof value === 'object' && value !== null && 'text' in value && 'args' in value;
}

/** What a translation of the catalogue `T` holds: the same tree, every leaf a string. */
export type Translation<T> =
  T extends Message<readonly unknown[]>
    ? string
    : T extends string
      ? string
      : T extends readonly string[]
        ? readonly string[]
        : { readonly [K in keyof T]: Translation<T[K]> };

/** What components read: plain text as strings, messages as functions of their arguments. */
export type Localised<T> =
  T extends Message<infer Args>
    ? (...args: Args) => string
    : T extends string
      ? string
      : T extends readonly string[]
        ? readonly string[]
        : { readonly [K in keyof T]: Localised<T[K]> };
