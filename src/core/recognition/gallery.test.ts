import { describe, expect, it } from 'vitest';
import { Gallery, decide, l2normalise } from './gallery';

const v = (...xs: number[]) => l2normalise(Float32Array.from(xs));

describe('Gallery', () => {
  const gallery = new Gallery(
    [
      { memberId: 'ann', vector: v(1, 0, 0) },
      { memberId: 'ann', vector: v(0.9, 0.1, 0) },
      { memberId: 'bob', vector: v(0, 1, 0) },
      { memberId: 'cy', vector: v(0, 0, 1) },
    ],
    3,
  );

  it('returns the best template score per member, best first', () => {
    const top = gallery.search(v(1, 0.05, 0), 2);
    expect(top.map((m) => m.memberId)).toEqual(['ann', 'bob']);
    expect(top[0]?.score).toBeGreaterThan(0.99);
  });

  it('names a member only above the threshold and with a margin over the next identity', () => {
    expect(gallery.identify(v(1, 0.05, 0), { threshold: 0.8, margin: 0.1 }).memberId).toBe('ann');
    // Too weak a match: unknown.
    expect(gallery.identify(v(1, 1, 1), { threshold: 0.8, margin: 0.1 }).memberId).toBeUndefined();
    // Strong but ambiguous between two members: unknown.
    expect(gallery.identify(v(1, 1, 0), { threshold: 0.6, margin: 0.1 }).memberId).toBeUndefined();
  });

  it('normalises rows and refuses wrong dimensions', () => {
    const g = new Gallery([{ memberId: 'x', vector: [3, 4] }], 2);
    expect(Array.from(g.matrix)).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(() => new Gallery([{ memberId: 'x', vector: [1, 2, 3] }], 2)).toThrow(/dimensions/);
  });

  it('scores a member by their best template blended with their centroid', () => {
    const entries = [
      { memberId: 'ann', vector: v(1, 0, 0) },
      { memberId: 'ann', vector: v(0, 1, 0) },
      { memberId: 'bob', vector: v(0, 0, 1) },
    ];
    const probe = v(1, 0, 0);
    // Best template 1, centroid (0.71, 0.71, 0) 0.71.
    expect(new Gallery(entries, 3, 0).search(probe, 1)[0]?.score).toBeCloseTo(1, 6);
    expect(new Gallery(entries, 3, 1).search(probe, 1)[0]?.score).toBeCloseTo(Math.SQRT1_2, 6);
    expect(new Gallery(entries, 3, 0.5).search(probe, 1)[0]?.score).toBeCloseTo((1 + Math.SQRT1_2) / 2, 6);
    // A member with one template scores the same either way.
    expect(new Gallery(entries, 3, 0.5).search(v(0, 0, 1), 1)[0]).toMatchObject({ memberId: 'bob', score: 1 });
  });

  it('scores a member merged from two records by the better of their capture sets', () => {
    // Ann's own captures near x, the merged-in record's near y: each set keeps its own centroid.
    const entries = [
      { memberId: 'ann', vector: v(1, 0, 0) },
      { memberId: 'ann', vector: v(0.95, 0.05, 0) },
      { memberId: 'ann', captureSet: 'merged-1', vector: v(0, 1, 0) },
      { memberId: 'ann', captureSet: 'merged-1', vector: v(0.05, 0.95, 0) },
      { memberId: 'bob', vector: v(0, 0, 1) },
    ];
    const grouped = new Gallery(entries, 3, 0.5);
    const pooled = new Gallery(
      entries.map(({ memberId, vector }) => ({ memberId, vector })),
      3,
      0.5,
    );
    for (const probe of [v(1, 0, 0), v(0, 1, 0)]) {
      const [best] = grouped.search(probe, 1);
      expect(best?.memberId).toBe('ann');
      expect(best?.score).toBeGreaterThan(0.99);
      // Pooled, the centroid sits between the two people and drags the score down.
      expect(pooled.search(probe, 1)[0]?.score).toBeLessThan(0.9);
    }
    // Still one identity: the two sets never compete with each other for the margin.
    expect(grouped.identify(v(1, 0, 0), { threshold: 0.8, margin: 0.1 }).memberId).toBe('ann');
    expect(grouped.members).toEqual(['ann', 'bob']);
  });

  it('an empty gallery names nobody', () => {
    expect(new Gallery([], 3).identify(v(1, 0, 0), { threshold: 0, margin: 0 }).memberId).toBeUndefined();
  });
});

describe('decide', () => {
  it('applies threshold then margin', () => {
    expect(
      decide({ memberId: 'a', score: 0.9 }, { memberId: 'b', score: 0.85 }, { threshold: 0.5, margin: 0.1 }),
    ).toBeUndefined();
    expect(decide({ memberId: 'a', score: 0.9 }, { memberId: 'b', score: 0.7 }, { threshold: 0.5, margin: 0.1 })).toBe(
      'a',
    );
    expect(decide({ memberId: 'a', score: 0.9 }, undefined, { threshold: 0.95, margin: 0 })).toBeUndefined();
  });
});
