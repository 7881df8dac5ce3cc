// Age band and gender as staff and Analytics see them: estimated from every frame seen of a person (and, for a
// returning visitor, from every frame of every visit), never from one frame alone, and not given at all when the
// evidence is close to a coin toss. The evidence is kept as sums so that frames and visits simply add up.
import { type AgeBand, ageBand } from './attributes';

export interface Traits {
  /** Sum over frames of the probability that the face is male, and how many frames gave one. */
  readonly maleSum: number;
  readonly genderFrames: number;
  /** Sum over frames of the estimated age in years, and how many frames gave one. */
  readonly ageSum: number;
  readonly ageFrames: number;
}

export const NO_TRAITS: Traits = { maleSum: 0, genderFrames: 0, ageSum: 0, ageFrames: 0 };

export function addTraits(a: Traits, b: Traits): Traits {
  return {
    maleSum: a.maleSum + b.maleSum,
    genderFrames: a.genderFrames + b.genderFrames,
    ageSum: a.ageSum + b.ageSum,
    ageFrames: a.ageFrames + b.ageFrames,
  };
}

/** One frame's evidence: the model's probability that the face is male, and its age estimate. */
export function frameTraits(maleProbability: number | undefined, ageYears: number | undefined): Traits {
  return {
    maleSum: maleProbability ?? 0,
    genderFrames: maleProbability === undefined ? 0 : 1,
    ageSum: ageYears ?? 0,
    ageFrames: ageYears === undefined ? 0 : 1,
  };
}

/**
 * Gender is named only when the mean probability is at least this far from one half. Chosen on the tuning
 * folder's gender labels (scripts/tune/gender.ts, docs/eval/tune-gender.json): the widest band inside which single
 * photos were named right no more often than 60 % of the time (56 % there, 45 of 3,290 photos).
 */
export const GENDER_UNSURE_BAND = 0.075;

export function genderEstimate(t: Traits): 'female' | 'male' | undefined {
  if (t.genderFrames === 0) return undefined;
  const p = t.maleSum / t.genderFrames;
  if (Math.abs(p - 0.5) < GENDER_UNSURE_BAND) return undefined;
  return p > 0.5 ? 'male' : 'female';
}

export function meanAge(t: Traits): number | undefined {
  return t.ageFrames === 0 ? undefined : t.ageSum / t.ageFrames;
}

export function ageBandEstimate(t: Traits): AgeBand | undefined {
  const age = meanAge(t);
  return age === undefined ? undefined : ageBand(age);
}
