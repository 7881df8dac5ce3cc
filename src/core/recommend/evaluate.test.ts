import { describe, expect, it } from 'vitest';
import { evaluate, makeQueries, parseQueriesTsv, splitBaskets, type Scorer } from './evaluate';
import { buildVocab } from './vocab';

// Basket counts: a 4, b 3, c 2, d 1, e 1 -> ids a0 b1 c2 d3 e4 (ties by code).
const vocab = buildVocab([
  ['a', 'b', 'c'],
  ['a', 'b', 'c'],
  ['a', 'b'],
  ['a', 'd', 'e'],
]);

/** Scores the fixed table `byCode`, whatever the query. */
function fixed(byCode: Record<string, number>): Scorer {
  return {
    scoreInto(_query, out) {
      for (const [code, s] of Object.entries(byCode)) out[vocab.index.get(code) ?? -1] = s;
    },
  };
}

describe('evaluate', () => {
  it('computes HR, MRR, NDCG and coverage with the tie rule', () => {
    const scorer = fixed({ e: 2, c: 1 }); // order: e, c, then a, b, d by tie rule
    const cases = [
      { target: 'c', query: ['a'] }, // candidates e c b d -> rank 2
      { target: 'd', query: ['x-unknown'] }, // e c a b d -> rank 5
      { target: 'e', query: ['e', 'a'] }, // target listed in its own query: dropped from the query -> rank 1
      { target: 'zzz', query: ['a'] }, // target outside the vocabulary: skipped
    ];
    const k2 = evaluate(scorer, vocab, cases, 2);
    expect(k2.cases).toBe(3);
    expect(k2.ranks).toEqual([2, 5, 1]);
    expect(k2.hr).toBeCloseTo(2 / 3, 12);
    expect(k2.mrr).toBeCloseTo((1 / 2 + 1) / 3, 12);
    expect(k2.ndcg).toBeCloseTo((1 / Math.log2(3) + 1) / 3, 12);
    // Top-2 lists: {e, c} each time -> 2 distinct items of 5.
    expect(k2.coverage).toBeCloseTo(2 / 5, 12);
    // With query [e] the list becomes {c, a}.
    expect(evaluate(scorer, vocab, [...cases, { target: 'b', query: ['e'] }], 2).coverage).toBeCloseTo(3 / 5, 12);
  });

  it('ranks by popularity when all scores tie', () => {
    const m = evaluate({ scoreInto() {} }, vocab, [{ target: 'd', query: ['b'] }], 10);
    expect(m.ranks).toEqual([3]); // a, c, d
  });
});

describe('validation split', () => {
  it('splits off the last share of baskets', () => {
    const { train, held } = splitBaskets([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.1);
    expect(train).toHaveLength(9);
    expect(held).toEqual([10, 11]);
  });

  it('hides one distinct item per basket, reproducibly, keeping only known targets', () => {
    const held = [['a', 'b', 'a'], ['c'], ['d', 'e', 'q'], ['q', 'r']];
    const cases = makeQueries(held, vocab, 5);
    expect(makeQueries(held, vocab, 5)).toEqual(cases);
    for (const c of cases) {
      const basket = held.find((b) => b.includes(c.target) && c.query.every((x) => b.includes(x)));
      expect(basket).toBeDefined();
      expect(c.query).not.toContain(c.target);
      expect(new Set([c.target, ...c.query]).size).toBe(new Set(basket).size);
      expect(vocab.index.has(c.target)).toBe(true);
    }
    expect(cases.length).toBeLessThanOrEqual(2); // ['c'] is too small; ['q','r'] has no known target
    expect(makeQueries(held, vocab, 5, 3).length).toBeGreaterThan(cases.length);
  });

  it('parses query files', () => {
    expect(parseQueriesTsv('t\tq1\tq 2\n\nu\tv\r\n')).toEqual([
      { target: 't', query: ['q1', 'q 2'] },
      { target: 'u', query: ['v'] },
    ]);
  });
});
