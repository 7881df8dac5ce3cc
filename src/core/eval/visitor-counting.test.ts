import { describe, expect, it } from 'vitest';
import { scoreVisitorCounting } from './visitor-counting';

describe('scoreVisitorCounting', () => {
  it('counts merges, splits, unique and returning against the truth', () => {
    const score = scoreVisitorCounting([
      { person: 'ann', visitorId: 1 },
      { person: 'bob', visitorId: 1 }, // bob given ann's number: a merge
      { person: 'cy', visitorId: 2 },
      { person: 'ann', visitorId: 1 }, // ann back, recognised
      { person: 'cy', visitorId: 3 }, // cy back with a new number: a split
      { person: 'dee', visitorId: undefined }, // no usable face: no number
      { person: 'dee', visitorId: undefined }, // back, still none: a split
    ]);
    expect(score).toEqual({
      visits: 7,
      true_unique: 4,
      counted_unique: 3,
      unique_error: 0.25,
      true_returning: 3,
      counted_returning: 2,
      false_merges: 1,
      false_merge_rate: 0.25,
      false_splits: 2,
      false_split_rate: 2 / 3,
      unnumbered: 2,
    });
  });

  it('a perfect counter scores no errors', () => {
    const s = scoreVisitorCounting([
      { person: 'a', visitorId: 7 },
      { person: 'b', visitorId: 8 },
      { person: 'a', visitorId: 7 },
    ]);
    expect(s).toMatchObject({ unique_error: 0, false_merges: 0, false_splits: 0, counted_returning: 1 });
  });
});
