// The strictness slider staff see, mapped onto the recognition threshold, with the false-match rate measured
// at each setting (from the calibration table, which was measured on our own validation images).
import { CALIBRATION } from './calibration';
import type { OpenSetPolicy } from './gallery';

/**
 * Thresholds at the slider's ends; the middle (0.5, threshold 0.945) is the shipped default, chosen with the
 * margin below on our open-set validation split. There the calibration's false-match rate is 6.7e-5 per
 * template comparison.
 */
export const LENIENT_THRESHOLD = 0.92;
export const STRICT_THRESHOLD = 0.97;
/**
 * The best identity must beat the next one by this much (cosine), or the face stays unknown. Chosen with the
 * default threshold on our open-set validation split of LFW DevTest images (scripts/harness/
 * make-validation-openset.mjs; disjoint from the scored lfw-identify set), keeping the false positive
 * identification rate below 1 %: threshold 0.945 / margin 0.02 gave rank-1 0.653 at FPIR 0.63 %; 0.94 / 0.02
 * gave 0.665 at 0.94 % (too close to the limit); 0.945 / 0.01 gave 0.697 at 1.25 % (over it).
 */
export const DEFAULT_MARGIN = 0.02;

export function thresholdForStrictness(strictness: number): number {
  const s = Math.min(1, Math.max(0, strictness));
  return LENIENT_THRESHOLD + s * (STRICT_THRESHOLD - LENIENT_THRESHOLD);
}

export function policyForStrictness(strictness: number): OpenSetPolicy {
  return { threshold: thresholdForStrictness(strictness), margin: DEFAULT_MARGIN };
}

/** Measured share of different-person comparisons scoring at or above `threshold` (linear interpolation). */
export function falseMatchRate(threshold: number): number {
  return interpolate(threshold, 'fmr');
}

/** Measured share of same-person comparisons scoring below `threshold`. */
export function falseNonMatchRate(threshold: number): number {
  return interpolate(threshold, 'fnmr');
}

function interpolate(threshold: number, key: 'fmr' | 'fnmr'): number {
  const t = CALIBRATION.table;
  const first = t[0];
  const last = t[t.length - 1] ?? first;
  if (threshold <= first.threshold) return first[key];
  if (threshold >= last.threshold) return last[key];
  for (let i = 1; i < t.length; i++) {
    const a = t[i - 1] as (typeof t)[number];
    const b = t[i] as (typeof t)[number];
    if (threshold <= b.threshold) {
      const f = (threshold - a.threshold) / (b.threshold - a.threshold);
      return a[key] + f * (b[key] - a[key]);
    }
  }
  return last[key];
}
