import { describe, expect, it } from 'vitest';
import { NO_TRAITS, frameTraits } from '../face/attribute-estimates';
import { Rng } from '../random/prng';
import { type VisitorPolicy, VisitorRegistry, reidThreshold } from './visitors';

const e = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / n));
};

/** A fixed threshold (no growth with the number stored) and no margin, for the bookkeeping tests. */
const fixed = (t: number): VisitorPolicy => ({ falseMergeBudget: 1, minThreshold: t, maxThreshold: t, margin: 0 });
const never = () => 0;

describe('VisitorRegistry bookkeeping', () => {
  it('gives a returning face the same number within the retention window, and a new one after it', () => {
    const r = new VisitorRegistry(fixed(0.7), never, 1000);
    const first = r.match(e(1, 0), 0);
    expect(first).toMatchObject({ isNew: true });
    expect(r.match(e(0.95, 0.1), 500)).toMatchObject({ isNew: false, visitor: { id: first.visitor.id } });
    expect(r.match(e(0, 1), 600).visitor.id).not.toBe(first.visitor.id);
    // 1,001 ms after last being seen, the first visitor's template is gone.
    const later = r.match(e(1, 0), 1501);
    expect(later.isNew).toBe(true);
    expect(r.visitors.map((v) => v.id)).toEqual([2, 3]);
  });

  it('purges expired templates and restores unexpired ones without reusing numbers', () => {
    const r = new VisitorRegistry(fixed(0.7), never, 100);
    r.match(e(1, 0), 0);
    r.match(e(0, 1), 50);
    expect(r.purge(120)).toEqual([1]);
    const again = new VisitorRegistry(fixed(0.7), never, 100);
    again.restore(r.visitors, 130);
    expect(again.visitors.map((v) => v.id)).toEqual([2]);
    expect(again.match(e(1, -1), 130).visitor.id).toBe(3);
  });

  it('a visit replaces the first glimpse of a new visitor, and later visits are averaged in with their traits', () => {
    const reg = new VisitorRegistry(fixed(0.5), never, 60_000);
    const first = reg.match(e(1, 0.2, 0), 0).visitor;
    reg.recordVisit(first.id, e(1, 0, 0), frameTraits(0.9, 30), 10);
    expect(Array.from(reg.visitors[0]?.embedding ?? [])).toEqual([1, 0, 0]);
    expect(reg.match(e(0.8, 0.6, 0), 20)).toMatchObject({ isNew: false, visitor: { id: first.id } });
    reg.recordVisit(first.id, e(0.8, 0.6, 0), frameTraits(0.7, 40), 30);
    const t = reg.visitors[0]?.embedding ?? new Float32Array(3);
    expect(Math.hypot(...t)).toBeCloseTo(1, 6);
    // One visit one vote: halfway between the two visits, then normalised.
    expect((t[1] ?? 0) / (t[0] ?? 1)).toBeCloseTo(0.6 / 1.8, 5);
    expect(reg.visitors[0]?.traits).toEqual({ maleSum: 1.6, genderFrames: 2, ageSum: 70, ageFrames: 2 });
    expect(reg.visitors[0]?.lastSeen).toBe(30);
  });

  it('a face as close to two stored visitors as the margin is a new visitor', () => {
    const twoStored = (margin: number) => {
      const reg = new VisitorRegistry({ ...fixed(0.95), margin }, never, 60_000);
      reg.match(e(1, 0.2, 0), 0);
      reg.match(e(1, -0.2, 0), 0);
      expect(reg.visitors).toHaveLength(2);
      return reg;
    };
    const reg = twoStored(0.02);
    expect(reg.match(e(1, 0.19, 0), 1)).toMatchObject({ isNew: false, visitor: { id: 1 } });
    // Midway: similar enough to both (0.98), but neither is clearly the one.
    expect(reg.match(e(1, 0, 0), 2).isNew).toBe(true);
    expect(twoStored(0).match(e(1, 0, 0), 2).isNew).toBe(false);
  });

  it('a runner-up that is the best visitor stored twice is no rival: one person is not split again and again', () => {
    const reg = new VisitorRegistry({ ...fixed(0.95), margin: 0.02 }, never, 60_000);
    // One person already split in two numbers (templates 0.995 alike), and somebody else.
    const stored = (id: number, embedding: Float32Array) => ({ id, firstSeen: 0, lastSeen: 0, embedding });
    reg.restore([stored(1, e(1, 0.05, 0)), stored(2, e(1, -0.05, 0)), stored(3, e(0, 1, 0))], 0);
    // Between the two halves: no new number; the nearer half is theirs.
    expect(reg.match(e(1, 0.01, 0), 1)).toMatchObject({ isNew: false, visitor: { id: 1 } });
    expect(reg.match(e(1, -0.01, 0), 2)).toMatchObject({ isNew: false, visitor: { id: 2 } });
    expect(reg.visitors).toHaveLength(3);
  });

  it('a new number decided on a poor first glimpse is withdrawn when the whole visit is clearly an earlier visitor', () => {
    const reg = new VisitorRegistry({ ...fixed(0.95), margin: 0.02 }, never, 60_000);
    const earlier = reg.match(e(1, 0, 0), 0).visitor;
    reg.recordVisit(earlier.id, e(1, 0, 0), frameTraits(0.9, 30), 10);
    // The visit's first frames looked unlike them (0.89)...
    const glimpse = reg.match(e(1, 0.5, 0), 100);
    expect(glimpse.isNew).toBe(true);
    // ...its whole visit does (0.995): the visit is the earlier visitor's, and the new number goes.
    const again = reg.reconsider(glimpse.visitor.id, e(1, 0.1, 0), 200);
    expect(again).toMatchObject({ isNew: false, visitor: { id: earlier.id, lastSeen: 200 } });
    expect(reg.visitors.map((v) => v.id)).toEqual([earlier.id]);
    // A visit that stays unlike everyone keeps its number; so does a visitor with a visit on record.
    const other = reg.match(e(0, 1, 0), 300).visitor;
    expect(reg.reconsider(other.id, e(0, 1, 0.1), 400)).toBeUndefined();
    expect(reg.reconsider(earlier.id, e(1, 0, 0), 500)).toBeUndefined();
    expect(reg.visitors.map((v) => v.id)).toEqual([earlier.id, other.id]);
  });
});

// ---- the threshold that rises with the number of visitors stored ----------------------------------------------

/** Strangers whose pairwise similarities look like the real embedding's: high (0.85 on average) and spread. */
function strangers(rng: Rng, n: number, dim = 16, common = 2.3): Float32Array[] {
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: dim }, (_, i) => (i === 0 ? common : 0) + gauss() / Math.sqrt(dim));
    return e(...v);
  });
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

/** The generator's false-match rate per comparison, measured on 200,000 pairs of other strangers. */
function measuredFmr(): (t: number) => number {
  const pool = strangers(new Rng(99), 2000);
  const scores: number[] = [];
  for (let k = 0; k < 200_000; k++) {
    const i = k % 2000;
    const j = (i + 1 + ((k * 7919) % 1999)) % 2000; // never i itself
    scores.push(dot(pool[i] as Float32Array, pool[j] as Float32Array));
  }
  scores.sort((a, b) => a - b);
  return (t) => {
    let lo = 0;
    let hi = scores.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((scores[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    // At least one in the sample's worth, so the extreme tail is never taken as impossible.
    return Math.max(scores.length - lo, 1) / scores.length;
  };
}

describe('visitor re-identification as visitors accumulate', () => {
  const fmr = measuredFmr();
  const policy: VisitorPolicy = { falseMergeBudget: 0.01, minThreshold: 0.8, maxThreshold: 0.999, margin: 0 };

  it('raises the threshold with the number stored, keeping expected false merges within the budget', () => {
    const t10 = reidThreshold(policy, 10, fmr);
    const t500 = reidThreshold(policy, 500, fmr);
    expect(t500).toBeGreaterThan(t10);
    expect(10 * fmr(t10)).toBeLessThanOrEqual(policy.falseMergeBudget);
    expect(500 * fmr(t500)).toBeLessThanOrEqual(policy.falseMergeBudget);
    expect(reidThreshold(policy, 0, fmr)).toBe(policy.minThreshold);
  });

  it('500 strangers never merge more often than the budget allows; at a fixed threshold they would', () => {
    const people = strangers(new Rng(7), 500);
    const reg = new VisitorRegistry(policy, fmr, 86_400_000);
    const merges = people.filter((p, i) => !reg.match(p, i).isNew).length;
    // Expected at most 0.01 per newcomer: 5 over 500. Allow three standard deviations of a Poisson count.
    const bound = 500 * policy.falseMergeBudget;
    expect(merges).toBeLessThanOrEqual(bound + 3 * Math.sqrt(bound));
    // The same people with the threshold the budget gives for the first few visitors, never raised.
    const flat = new VisitorRegistry({ ...policy, maxThreshold: reidThreshold(policy, 5, fmr) }, fmr, 86_400_000);
    const flatMerges = people.filter((p, i) => !flat.match(p, i).isNew).length;
    expect(flatMerges).toBeGreaterThan(4 * bound);
  });

  it('still recognises a returning visitor with a good frame among 500 stored', () => {
    const rng = new Rng(11);
    const people = strangers(rng, 500);
    const reg = new VisitorRegistry(policy, fmr, 86_400_000);
    const ids = people.map((p, i) => {
      const m = reg.match(p, i);
      reg.recordVisit(m.visitor.id, p, NO_TRAITS, i);
      return m.visitor.id;
    });
    // Person 123 comes back: a good frame of them is the same face with a little camera noise (similarity 0.99+).
    const noise = strangers(rng, 1, 16, 0)[0] as Float32Array;
    const back = e(...(people[123] as Float32Array).map((x, i) => x + 0.05 * (noise[i] as number)));
    expect(dot(back, people[123] as Float32Array)).toBeGreaterThan(0.99);
    const m = reg.match(back, 1000);
    expect(m).toMatchObject({ isNew: false, visitor: { id: ids[123] } });
  });
});
