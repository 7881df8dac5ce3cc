import { describe, expect, it } from 'vitest';
import { buildVocab, distinctItems, encodeBaskets, encodeQuery, parseBasketsTsv } from './vocab';

describe('parseBasketsTsv', () => {
  it('splits on TAB only and keeps spaces inside codes', () => {
    const baskets = parseBasketsTsv('47503J \t47503J\tA B\r\n\nX\n');
    expect(baskets).toEqual([['47503J ', '47503J', 'A B'], ['X']]);
  });
});

describe('buildVocab', () => {
  const baskets = [
    ['b', 'a', 'a'],
    ['c', 'a'],
    ['47503J ', '47503J', 'b'],
  ];
  const vocab = buildVocab(baskets);

  it('orders ids by basket count (desc), then code', () => {
    // a: 2 baskets, b: 2 baskets, then the singletons by code.
    expect(vocab.codes).toEqual(['a', 'b', '47503J', '47503J ', 'c']);
    expect(vocab.index.get('47503J ')).toBe(3);
  });

  it('counts occurrences and baskets separately', () => {
    const id = vocab.index.get('a') ?? -1;
    expect(vocab.counts[id]).toBe(3);
    expect(vocab.basketCounts[id]).toBe(2);
    expect(vocab.totalTokens).toBe(8);
    expect(vocab.basketTotal).toBe(3);
  });

  it('encodes baskets flat, optionally distinct, dropping unknown codes', () => {
    const enc = encodeBaskets(vocab, [['a', 'a', 'zzz', 'c'], ['b']], { distinct: true });
    expect([...enc.items]).toEqual([0, 4, 1]);
    expect([...enc.offsets]).toEqual([0, 2, 3]);
    const all = encodeBaskets(vocab, [['a', 'a']]);
    expect([...all.items]).toEqual([0, 0]);
    expect(encodeQuery(vocab, ['c', 'nope', 'c', 'a'])).toEqual([4, 0]);
    expect(distinctItems(['x', 'y', 'x'])).toEqual(['x', 'y']);
  });
});
