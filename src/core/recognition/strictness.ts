// The strictness slider staff see, mapped onto the recognition threshold, with the false-match rate measured
// at each setting (from the calibration table, measured on the tuning images).
import { CALIBRATION } from './calibration';
import type { OpenSetPolicy } from './gallery';

/**
 * Thresholds at the slider's ends; the middle (0.5, threshold 0.95) is the shipped default, chosen with the
 * margin below on the tuning folder's open-set split (scripts/tune/recognition.ts, docs/eval/tune-recognition.json:
 * members with 4+ photos enrolled from half of them, one photo of everyone else as never-enrolled unknowns). There
 * the calibration's false-match rate is 2.4e-5 per comparison.
 */
export const LENIENT_THRESHOLD = 0.925;
export const STRICT_THRESHOLD = 0.975;
/**
 * The best identity must beat the next one by this much, or the face stays unknown. The default threshold and
 * margin maximise the probes named correctly minus ten times the unknowns named (a wrong name counted as ten
 * missed ones) with all 307 tuning members enrolled: 0.95 / 0.01 named 90.8 % of probes and 0.14 % of unknowns;
 * 0.95 / 0 named 91.4 % and 0.68 %; the policy before (0.945 / 0.02) 88.7 % and 1.1 %.
 */
export const DEFAULT_MARGIN = 0.01;

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
      // False-match rates fall off exponentially with the threshold: interpolate their logarithm.
      if (key === 'fmr' && a.fmr > 0 && b.fmr > 0) return Math.exp(Math.log(a.fmr) + f * Math.log(b.fmr / a.fmr));
      return a[key] + f * (b[key] - a[key]);
    }
  }
  return last[key];
}
