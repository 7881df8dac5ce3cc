// The recommender tunes itself on the shop's own sales. No fixed setting wins in every shop (raw counts beat
// cosine in a grocery, the opposite in a gift wholesaler), and every real shop is one we have never seen, so at
// every training:
//   1. the shop's most recent baskets are held out (a time split: the last 10 %, at least 300, at most a quarter);
//   2. validation queries are drawn from them with the evaluation protocol (one hidden item per basket with at
//      least two distinct items, targets unseen in the rest dropped; seeded, up to 3 draws for ~3,000 cases);
//   3. each candidate of the small family in candidates.ts is trained on the older baskets and scored there;
//   4. the simplest model within noise of the best wins: a more complex tier (best sellers < co-occurrence <
//      regression weights < either + item2vec) must beat the simpler one by more than one standard error of the paired
//      difference (clustered by basket, since repeated draws reuse baskets);
//   5. the caller retrains on all baskets with the winner (train-tuned.ts).
// The tuner sees only baskets: it never reads the queries an evaluation will score. Shops with fewer than 200
// usable validation baskets get the robust fallback (candidates.ts) and the report says so.
import { associations } from './build';
import { basketWeights, buildCooccurrences } from './cooccurrence';
import {
  candidateSettings,
  CANDIDATES,
  choiceName,
  FALLBACK_CANDIDATE,
  type CandidateName,
  type ChoiceName,
} from './candidates';
import { evaluate, makeQueries, type QueryCase, type Scorer } from './evaluate';
import { HybridRecommender, usesCooccurrence, type HybridSettings } from './hybrid';
import { vectorNeighbours } from './neighbours';
import { trainSgns } from './sgns';
import { buildVocab, distinctItems, encodeBaskets, type Basket, type Vocab } from './vocab';

export interface TunerOptions {
  readonly heldShare: number;
  readonly minHeldBaskets: number;
  readonly maxHeldShare: number;
  /** Fewer held-out baskets giving a validation case than this: no validation, the fallback is used. */
  readonly minValidationBaskets: number;
  /** Draws are repeated (up to maxDraws) until about this many cases. */
  readonly targetCases: number;
  readonly maxDraws: number;
  readonly seed: number;
  /** Standard errors a more complex tier must win by. */
  readonly noise: number;
}

export const TUNER_DEFAULTS: TunerOptions = {
  heldShare: 0.1,
  minHeldBaskets: 300,
  maxHeldShare: 0.25,
  minValidationBaskets: 200,
  targetCases: 3000,
  maxDraws: 3,
  seed: 20261130,
  noise: 1,
};

export interface CandidateScore {
  readonly name: ChoiceName;
  readonly tier: number;
  readonly hr: number;
  readonly mrr: number;
  readonly coverage: number;
}

export interface TuningReport {
  /** 'fallback': too few recent baskets to validate; the robust blend was used unvalidated. */
  readonly mode: 'validated' | 'fallback';
  readonly chosen: ChoiceName;
  /** The winner's settings for all the baskets (the caller retrains with them). */
  readonly settings: HybridSettings;
  readonly baskets: number;
  readonly trainBaskets: number;
  readonly heldBaskets: number;
  /** Held-out baskets that gave a validation case, and the cases over all draws. */
  readonly validationBaskets: number;
  readonly cases: number;
  readonly draws: number;
  /** HR@10 of the winner and of best sellers on the validation cases (undefined for the fallback). */
  readonly validationHr: number | undefined;
  readonly popularityHr: number | undefined;
  readonly scores: readonly CandidateScore[];
  readonly seconds: number;
}

export interface TunerCallbacks {
  /** Progress through the tuning, 0..1, and what it is doing. */
  readonly onProgress?: (fraction: number, phase: 'validation' | 'item2vec') => void;
  /** Polled between steps, every 128 cases and during item2vec; true cancels with an AbortError. */
  readonly shouldStop?: () => boolean;
}

/** The last `heldShare` of baskets, at least `minHeldBaskets`, at most `maxHeldShare` of them. */
export function heldOutCount(total: number, options: TunerOptions = TUNER_DEFAULTS): number {
  const wanted = Math.max(Math.ceil(options.heldShare * total), options.minHeldBaskets);
  return Math.min(wanted, Math.floor(options.maxHeldShare * total));
}

interface Scored extends CandidateScore {
  readonly candidate: CandidateName;
  readonly vectors: boolean;
  readonly hits: Uint8Array;
}

function score(
  candidate: { readonly name: CandidateName; readonly tier: number },
  vectors: boolean,
  model: Scorer,
  validation: { readonly vocab: Vocab; readonly cases: readonly QueryCase[] },
  stop?: () => boolean,
): Scored {
  const m = evaluate(model, validation.vocab, validation.cases, 10, stop);
  return {
    name: choiceName(candidate.name, vectors),
    candidate: candidate.name,
    vectors,
    tier: vectors ? 3 : candidate.tier,
    hr: m.hr,
    mrr: m.mrr,
    coverage: m.coverage,
    hits: Uint8Array.from(m.ranks, (r) => (r <= 10 ? 1 : 0)),
  };
}

/**
 * Standard error of the mean paired difference a - b, clustered by basket (draws of one basket are not
 * independent cases).
 */
export function pairedStandardError(a: Uint8Array, b: Uint8Array, basketOf: readonly number[]): number {
  const n = a.length;
  if (n < 2) return Number.POSITIVE_INFINITY;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (a[i] as number) - (b[i] as number);
  mean /= n;
  const residual = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const g = basketOf[i] as number;
    residual.set(g, (residual.get(g) ?? 0) + (a[i] as number) - (b[i] as number) - mean);
  }
  const groups = residual.size;
  if (groups < 2) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (const r of residual.values()) sum += r * r;
  return Math.sqrt((sum * groups) / (groups - 1)) / n;
}

/** Tier by tier, the best of a higher tier replaces the current choice only if it wins by more than the noise. */
function choose(scored: readonly Scored[], basketOf: readonly number[], noise: number): Scored {
  const tiers = [...new Set(scored.map((s) => s.tier))].sort((x, y) => x - y);
  let chosen: Scored | undefined;
  for (const tier of tiers) {
    // Ties go to the earlier (simpler) candidate of the family.
    const best = scored.filter((s) => s.tier === tier).reduce((x, y) => (y.hr > x.hr ? y : x));
    if (!chosen || best.hr - chosen.hr > noise * pairedStandardError(best.hits, chosen.hits, basketOf)) chosen = best;
  }
  if (!chosen) throw new Error('no recommender candidate was scored');
  return chosen;
}

const publicScore = ({ name, tier, hr, mrr, coverage }: Scored): CandidateScore => ({ name, tier, hr, mrr, coverage });

export function tuneRecommender(
  baskets: readonly Basket[],
  base: HybridSettings,
  options: TunerOptions = TUNER_DEFAULTS,
  callbacks: TunerCallbacks = {},
): TuningReport {
  const started = performance.now();
  const stop = callbacks.shouldStop;
  const checkStop = () => {
    if (stop?.()) throw new DOMException('Tuning cancelled', 'AbortError');
  };
  const total = baskets.length;
  const held = heldOutCount(total, options);
  const train = baskets.slice(0, total - held);
  const heldBaskets = baskets.slice(total - held);
  const vocab = buildVocab(train);
  const usable = heldBaskets.filter((b) => distinctItems(b).length >= 2).length;
  const draws = Math.max(1, Math.min(options.maxDraws, Math.floor(options.targetCases / Math.max(1, usable))));
  const cases = makeQueries(heldBaskets, vocab, options.seed, draws);
  const validationBaskets = new Set(cases.map((c) => c.basket)).size;
  const split = {
    baskets: total,
    trainBaskets: train.length,
    heldBaskets: held,
    validationBaskets,
    cases: cases.length,
    draws,
  };
  if (validationBaskets < options.minValidationBaskets) {
    return {
      mode: 'fallback',
      chosen: FALLBACK_CANDIDATE,
      settings: candidateSettings(FALLBACK_CANDIDATE, total, base, false),
      ...split,
      validationHr: undefined,
      popularityHr: undefined,
      scores: [],
      seconds: (performance.now() - started) / 1000,
    };
  }

  const basketOf = cases.map((c) => c.basket ?? 0);
  const validation = { vocab, cases };
  const withVectors = base.vectors.enabled && base.vectors.weight > 0;
  const share = withVectors ? 0.3 : 1;
  const distinct = encodeBaskets(vocab, train, { distinct: true });
  const family = CANDIDATES.map((candidate) => ({
    candidate,
    settings: candidateSettings(candidate.name, train.length, base, false),
  }));
  // Every basket weighting the family uses, counted in one pass.
  const weightingKey = (c: { sizeExponent: number; halfLife: number }) => `${c.sizeExponent}|${c.halfLife}`;
  const weightings = new Map<string, { sizeExponent: number; halfLife: number }>();
  for (const { settings } of family)
    if (usesCooccurrence(settings.cooccurrence))
      weightings.set(weightingKey(settings.cooccurrence), settings.cooccurrence);
  callbacks.onProgress?.(0, 'validation');
  const built = buildCooccurrences(
    distinct,
    vocab.codes.length,
    [...weightings.values()].map((w) => basketWeights(distinct, w)),
  );
  const counts = new Map([...weightings.keys()].map((key, i) => [key, built[i]]));
  const scored: Scored[] = [];
  const models = new Map<string, HybridRecommender>();
  for (const [i, { candidate, settings }] of family.entries()) {
    checkStop();
    callbacks.onProgress?.((share * (i + 1)) / (family.length + 1), 'validation');
    const c = settings.cooccurrence;
    const weighted = usesCooccurrence(c) ? counts.get(weightingKey(c)) : undefined;
    if (!weighted) {
      scored.push(score(candidate, false, { scoreInto() {} }, validation, stop));
      continue;
    }
    const model = new HybridRecommender(vocab, associations(weighted, c), undefined, settings);
    models.set(candidate.name, model);
    scored.push(score(candidate, false, model, validation, stop));
  }
  counts.clear();

  if (withVectors) {
    // item2vec goes on top of the best association graph: it can only earn its place by adding to it.
    const bestCooc = scored.filter((s) => s.tier === 1 || s.tier === 2).reduce((x, y) => (y.hr > x.hr ? y : x));
    const cooc = models.get(bestCooc.candidate);
    if (cooc) {
      const settings = candidateSettings(bestCooc.candidate, train.length, base, true);
      const { vectors } = trainSgns(encodeBaskets(vocab, train), vocab.codes.length, settings.vectors.sgns, {
        onProgress: (p) => {
          callbacks.onProgress?.(share + (0.95 - share) * p.fraction, 'item2vec');
          return stop?.() ? false : undefined;
        },
      });
      const neighbours = vectorNeighbours(vectors, { k: settings.vectors.neighbours, power: settings.vectors.power });
      checkStop();
      const model = new HybridRecommender(vocab, cooc.cooccurrence, neighbours, settings);
      scored.push(score({ name: bestCooc.candidate, tier: 3 }, true, model, validation, stop));
    }
  }
  callbacks.onProgress?.(1, 'validation');

  const winner = choose(scored, basketOf, options.noise);
  return {
    mode: 'validated',
    chosen: winner.name,
    settings: candidateSettings(winner.candidate, total, base, winner.vectors),
    ...split,
    validationHr: winner.hr,
    popularityHr: scored.find((s) => s.name === 'popular')?.hr,
    scores: scored.map(publicScore),
    seconds: (performance.now() - started) / 1000,
  };
}
