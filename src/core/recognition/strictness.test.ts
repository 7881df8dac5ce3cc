import { describe, expect, it } from 'vitest';
import { falseMatchRate, falseNonMatchRate, policyForStrictness, thresholdForStrictness } from './strictness';

describe('strictness', () => {
  it('maps the slider onto thresholds, the middle being the default', () => {
    expect(thresholdForStrictness(0)).toBeCloseTo(0.92, 9);
    expect(thresholdForStrictness(1)).toBeCloseTo(0.97, 9);
    expect(thresholdForStrictness(0.5)).toBeCloseTo(0.945, 9);
    expect(thresholdForStrictness(7)).toBeCloseTo(0.97, 9);
    expect(policyForStrictness(0.5).margin).toBeGreaterThan(0);
  });
  it('reads measured error rates: stricter means fewer false matches and more misses', () => {
    expect(falseMatchRate(0.93)).toBeGreaterThan(falseMatchRate(0.95));
    expect(falseNonMatchRate(0.93)).toBeLessThan(falseNonMatchRate(0.95));
    expect(falseMatchRate(0.95)).toBeLessThan(1e-4);
  });
});
