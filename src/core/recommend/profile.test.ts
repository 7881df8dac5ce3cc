import { describe, expect, it } from 'vitest';
import { bestSellers, memberProfile, segmentKey } from './profile';

const DAY = 86_400_000;
const now = 1000 * DAY;

describe('memberProfile', () => {
  it('weighs recent purchases more and counts an item once per basket', () => {
    const profile = memberProfile(
      [
        { at: now - 360 * DAY, codes: ['OLD', 'OLD', 'BOTH'] },
        { at: now - 1 * DAY, codes: ['NEW', 'BOTH'] },
      ],
      now,
      { halfLifeDays: 90, limit: 10 },
    );
    expect(profile.map((p) => p.code)).toEqual(['BOTH', 'NEW', 'OLD']);
    const weight = Object.fromEntries(profile.map((p) => [p.code, p.weight]));
    expect(weight.OLD).toBeCloseTo(Math.pow(0.5, 4), 6); // four half-lives, once despite the duplicate
    expect(weight.NEW).toBeCloseTo(Math.pow(0.5, 1 / 90), 6);
    expect(weight.BOTH).toBeCloseTo((weight.OLD ?? 0) + (weight.NEW ?? 0), 6);
  });

  it('keeps the heaviest items only', () => {
    const history = Array.from({ length: 30 }, (_, i) => ({ at: now - i * DAY, codes: [`I${i}`] }));
    const profile = memberProfile(history, now, { halfLifeDays: 30, limit: 5 });
    expect(profile.map((p) => p.code)).toEqual(['I0', 'I1', 'I2', 'I3', 'I4']);
  });
});

describe('bestSellers', () => {
  const baskets = [
    ...Array.from({ length: 6 }, () => ({ at: now, codes: ['DRESS', 'SCARF'], segment: '30-39|female' })),
    ...Array.from({ length: 9 }, () => ({ at: now, codes: ['CAP'], segment: '20-29|male' })),
    { at: now, codes: ['CAP', 'SCARF'] },
  ];
  const options = { halfLifeDays: 60, limit: 3, minBaskets: 5 };

  it('ranks the segment’s own best sellers when it has enough sales', () => {
    const result = bestSellers(baskets, segmentKey('30-39', 'female'), now, options);
    expect(result).toEqual({ codes: ['DRESS', 'SCARF'], forSegment: true });
  });

  it('keeps off a segment’s list what that segment buys less often than the shop as a whole', () => {
    // Women 30-39 buy SCARF in 6 of their 6 baskets, and everybody else too; BAG only once in their 6, while a
    // third of the shop's baskets hold it: it is among their purchases but not popular with them.
    const shop = [
      ...Array.from({ length: 5 }, () => ({ at: now, codes: ['DRESS', 'SCARF'], segment: '30-39|female' })),
      { at: now, codes: ['SCARF', 'BAG'], segment: '30-39|female' },
      ...Array.from({ length: 6 }, () => ({ at: now, codes: ['BAG', 'SCARF'], segment: '20-29|male' })),
    ];
    const result = bestSellers(shop, '30-39|female', now, { ...options, limit: 10 });
    expect(result.codes).toEqual(['SCARF', 'DRESS']);
  });

  it('falls back to the whole shop for a segment without enough sales, or no segment', () => {
    expect(bestSellers(baskets, segmentKey('60+', 'male'), now, options)).toEqual({
      codes: ['CAP', 'SCARF', 'DRESS'],
      forSegment: false,
    });
    expect(bestSellers(baskets, segmentKey(undefined, 'male'), now, options).forSegment).toBe(false);
  });
});
