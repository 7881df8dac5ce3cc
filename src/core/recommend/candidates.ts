// The small family of recommender settings the tuner chooses from, per shop, on the shop's own recent sales.
// Every shop is one we have never seen, so the family is a handful of well-separated, well-understood models
// rather than a grid (a grid overfits a few hundred validation baskets and costs training time):
//
//   popular       best sellers: the safe floor, so the chosen model is never worse than it on validation
//   together      raw co-occurrence counts ("bought together most often"); wins where a few items dominate
//   cosine        count / sqrt(n_q n_j): a pair counts relative to how often each item sells
//   blend         big baskets count less (1 / size), popularity half taken out (n_j^0.25): between the two
//   blend-sharp   the blend, squared, so one strong pairing outweighs many weak ones
//   cosine-sharp  cosine, squared, big baskets count less (1 / sqrt(size)), recent baskets count more
//                 (half-life: half of the shop's history)
//   regression    weights learned from the counts by ridge regression over each item's 50 nearest items
//                 (regression.ts): items bought together with each other share the credit for a pairing
//   … +vectors    the best of the above plus item2vec neighbours, weighted towards rarely sold items
//
// The choice of these six came from validation folds inside the training baskets of two very different shops
// (docs/eval/recommend-family-study-*.txt); `blend-sharp` was within 0.01 of the best of them in every fold of
// both, so it is also the robust fallback for shops too small to validate. `regression` was added after the
// first scoring of test queries, again on validation folds inside the training baskets only
// (docs/eval/recommend-family-study-regression-*.txt): it beat every other form by 0.03-0.04 HR@10 in all three
// folds of the gift wholesaler, and in the grocery was below the best form in two folds of three; it is a tier of
// its own, so it has to win by more than the noise to be chosen.
import type { CooccurrenceSettings, HybridSettings } from './hybrid';

export type CandidateName = 'popular' | 'together' | 'cosine' | 'blend' | 'blend-sharp' | 'cosine-sharp' | 'regression';

/** The name of a candidate with item2vec switched on. */
export type ChoiceName = CandidateName | `${CandidateName}+vectors`;

export interface Candidate {
  readonly name: CandidateName;
  /**
   * Simpler models have lower tiers: best sellers 0, co-occurrence 1, learned regression weights 2 (item2vec on
   * top is tier 3). A higher tier is chosen only when it beats the lower one by more than the validation noise.
   */
  readonly tier: 0 | 1 | 2;
  /** Co-occurrence settings for a shop of `baskets` baskets (the recency half-life scales with its history). */
  cooccurrence(baskets: number): CooccurrenceSettings;
}

const weighted = (sizeExponent: number, halfLife = 0) => ({ enabled: true, sizeExponent, halfLife });

export const CANDIDATES: readonly Candidate[] = [
  {
    name: 'popular',
    tier: 0,
    cooccurrence: () => ({ ...weighted(0), enabled: false, queryExponent: 0, itemExponent: 0, power: 1 }),
  },
  { name: 'together', tier: 1, cooccurrence: () => ({ ...weighted(0), queryExponent: 0, itemExponent: 0, power: 1 }) },
  {
    name: 'cosine',
    tier: 1,
    cooccurrence: () => ({ ...weighted(0), queryExponent: 0.5, itemExponent: 0.5, power: 1 }),
  },
  {
    name: 'blend',
    tier: 1,
    cooccurrence: () => ({ ...weighted(1), queryExponent: 0.5, itemExponent: 0.25, power: 1 }),
  },
  {
    name: 'blend-sharp',
    tier: 1,
    cooccurrence: () => ({ ...weighted(1), queryExponent: 0.5, itemExponent: 0.25, power: 2 }),
  },
  {
    name: 'cosine-sharp',
    tier: 1,
    cooccurrence: (baskets) => ({
      ...weighted(0.5, Math.max(1, Math.round(baskets / 2))),
      queryExponent: 0.5,
      itemExponent: 0.5,
      power: 2,
    }),
  },
  {
    name: 'regression',
    tier: 2,
    cooccurrence: () => ({
      ...weighted(0),
      queryExponent: 0,
      itemExponent: 0,
      power: 1,
      regression: { neighbours: 50, ridgeShare: 0.5 },
    }),
  },
];

/** Used without validation when a shop has too few recent baskets to compare candidates (see tuner.ts). */
export const FALLBACK_CANDIDATE: CandidateName = 'blend-sharp';

export function candidateNamed(name: CandidateName): Candidate {
  const found = CANDIDATES.find((c) => c.name === name);
  if (!found) throw new Error(`unknown recommender candidate ${name}`);
  return found;
}

/**
 * Full settings for a candidate on a shop of `baskets` baskets: its co-occurrence form, and item2vec on or off
 * with the shop's own item2vec hyper-parameters from `base`.
 */
export function candidateSettings(
  name: CandidateName,
  baskets: number,
  base: HybridSettings,
  withVectors: boolean,
): HybridSettings {
  return {
    cooccurrence: candidateNamed(name).cooccurrence(baskets),
    vectors: { ...base.vectors, enabled: withVectors },
  };
}

export function choiceName(name: CandidateName, withVectors: boolean): ChoiceName {
  return withVectors ? `${name}+vectors` : name;
}
