// The item vocabulary: every distinct item code seen in the training baskets, with an integer id, its number of
// occurrences and the number of baskets that contain it. Everything downstream (co-occurrence, item2vec,
// ranking) works on these ids and typed arrays rather than on strings.
//
// Codes are opaque strings: they are never trimmed or split on spaces (`47503J ` with a trailing space is a
// different product from `47503J`). Ids are assigned in the evaluation protocol's tie order: more baskets
// first, then code (by UTF-16 code unit, which matches Python's string order for these codes). So "smaller id"
// is the tie-break everywhere and no separate tie table is needed.

/** A basket is a list of item codes, in till order, duplicates allowed. */
export type Basket = readonly string[];

/** Baskets encoded as ids, laid out flat: basket b is items[offsets[b] .. offsets[b + 1]). */
export interface EncodedBaskets {
  readonly items: Int32Array;
  readonly offsets: Int32Array;
}

export interface Vocab {
  /** Item code per id. */
  readonly codes: readonly string[];
  /** Id per item code. */
  readonly index: ReadonlyMap<string, number>;
  /** Occurrences per id (a basket listing an item twice counts twice). */
  readonly counts: Uint32Array;
  /** Baskets containing the item, per id. */
  readonly basketCounts: Uint32Array;
  /** Sum of counts. */
  readonly totalTokens: number;
  /** Number of baskets the vocabulary was built from. */
  readonly basketTotal: number;
}

/**
 * Parse baskets stored one per line, items separated by TAB (the format of the project's train/test files).
 * Only a line-final CR is removed (for CRLF files); empty lines are skipped; nothing else is trimmed.
 */
export function parseBasketsTsv(text: string): string[][] {
  const out: string[][] = [];
  for (let line of text.split('\n')) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length === 0) continue;
    out.push(line.split('\t'));
  }
  return out;
}

/** Distinct items of a basket in first-occurrence order. */
export function distinctItems(basket: Basket): string[] {
  return [...new Set(basket)];
}

/** Protocol order for ties: more baskets first, then item code. */
function tieCompare(a: string, b: string, basketsOf: ReadonlyMap<string, number>): number {
  const d = (basketsOf.get(b) ?? 0) - (basketsOf.get(a) ?? 0);
  if (d !== 0) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildVocab(baskets: readonly Basket[]): Vocab {
  const occurrences = new Map<string, number>();
  const basketsOf = new Map<string, number>();
  for (const basket of baskets) {
    for (const code of basket) occurrences.set(code, (occurrences.get(code) ?? 0) + 1);
    for (const code of new Set(basket)) basketsOf.set(code, (basketsOf.get(code) ?? 0) + 1);
  }
  const codes = [...occurrences.keys()].sort((a, b) => tieCompare(a, b, basketsOf));
  const index = new Map<string, number>();
  const counts = new Uint32Array(codes.length);
  const basketCounts = new Uint32Array(codes.length);
  let totalTokens = 0;
  codes.forEach((code, id) => {
    index.set(code, id);
    const n = occurrences.get(code) ?? 0;
    counts[id] = n;
    basketCounts[id] = basketsOf.get(code) ?? 0;
    totalTokens += n;
  });
  return { codes, index, counts, basketCounts, totalTokens, basketTotal: baskets.length };
}

export interface EncodeOptions {
  /** Keep only the first occurrence of each item in a basket. */
  readonly distinct?: boolean;
}

/** Map baskets to ids, dropping codes missing from the vocabulary. */
export function encodeBaskets(vocab: Vocab, baskets: readonly Basket[], options: EncodeOptions = {}): EncodedBaskets {
  const ids: number[] = [];
  const offsets = new Int32Array(baskets.length + 1);
  const seen = new Set<number>();
  baskets.forEach((basket, b) => {
    seen.clear();
    for (const code of basket) {
      const id = vocab.index.get(code);
      if (id === undefined) continue;
      if (options.distinct) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      ids.push(id);
    }
    offsets[b + 1] = ids.length;
  });
  return { items: Int32Array.from(ids), offsets };
}

/** Ids of the known codes among `codes`, without duplicates, in first-occurrence order. */
export function encodeQuery(vocab: Vocab, codes: readonly string[]): number[] {
  const out: number[] = [];
  for (const code of new Set(codes)) {
    const id = vocab.index.get(code);
    if (id !== undefined) out.push(id);
  }
  return out;
}
