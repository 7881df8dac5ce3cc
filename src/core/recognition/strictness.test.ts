import { describe, expect, it } from 'vitest';
import { falseMatchRate, falseNonMatchRate, policyForStrictness, thresholdForStrictness } from './strictness';

describe('strictness', () => {
  it('maps the slider onto thresholds, the middle being the default', () => {
    expect(thresholdForStrictness(0)).toBeCloseTo(0.925, 9);
    expect(thresholdForStrictness(1)).toBeCloseTo(0.975, 9);
    expect(thresholdForStrictness(0.5)).toBeCloseTo(0.95, 9);
    expect(thresholdForStrictness(7)).toBeCloseTo(0.975, 9);
    expect(policyForStrictness(0.5).margin).toBeGreaterThan(0);
  });
  it('reads measured error rates: stricter means fewer false matches and more misses', () => {
    expect(falseMatchRate(0.93)).toBeGreaterThan(falseMatchRate(0.95));
    expect(falseNonMatchRate(0.93)).toBeLessThan(falseNonMatchRate(0.95));
    expect(falseMatchRate(0.95)).toBeLessThan(1e-4);
  });
  it('interpolates false-match rates on a log scale between the measured thresholds', () => {
    // Half-way between 0.95 and 0.955 on the table: the geometric mean of the two rates, not their average.
    const a = falseMatchRate(0.95);
    const b = falseMatchRate(0.955);
    expect(falseMatchRate(0.9525)).toBeCloseTo(Math.sqrt(a * b), 12);
    expect(falseMatchRate(0.9525)).toBeLessThan((a + b) / 2);
  });
});
