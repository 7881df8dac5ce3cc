import { describe, expect, it } from 'vitest';
import { VisitorRegistry } from './visitors';

const e = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / n));
};

describe('VisitorRegistry', () => {
  it('gives a returning face the same number within the retention window, and a new one after it', () => {
    const r = new VisitorRegistry(0.7, 1000);
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
    const r = new VisitorRegistry(0.7, 100);
    r.match(e(1, 0), 0);
    r.match(e(0, 1), 50);
    expect(r.purge(120)).toEqual([1]);
    const again = new VisitorRegistry(0.7, 100);
    again.restore(r.visitors, 130);
    expect(again.visitors.map((v) => v.id)).toEqual([2]);
    expect(again.match(e(1, -1), 130).visitor.id).toBe(3);
  });

  it('refines a visitor’s template towards later embeddings without changing their number', () => {
    const reg = new VisitorRegistry(0.9, 60_000);
    const first = reg.match(Float32Array.from([1, 0, 0]), 0).visitor;
    const later = Float32Array.from([0.8, 0.6, 0]);
    reg.refine(first.id, later, 10);
    const t = reg.visitors[0]?.embedding ?? new Float32Array(3);
    expect(reg.visitors).toHaveLength(1);
    expect(Math.hypot(...t)).toBeCloseTo(1, 6);
    // Halfway between the two (then normalised): closer to the later glimpse than the first one was.
    expect((t[0] ?? 0) * 0.8 + (t[1] ?? 0) * 0.6).toBeGreaterThan(0.8);
    expect(reg.visitors[0]?.lastSeen).toBe(10);
  });
});
