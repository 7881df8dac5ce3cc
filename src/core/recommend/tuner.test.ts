import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOMMENDER } from './defaults';
import { evaluate, makeQueries } from './evaluate';
import { Rng } from '../random/prng';
import { trainTuned } from './train-tuned';
import { heldOutCount, pairedStandardError, TUNER_DEFAULTS, tuneRecommender } from './tuner';
import type { HybridSettings } from './hybrid';

const noVectors: HybridSettings = {
  ...DEFAULT_RECOMMENDER,
  vectors: { ...DEFAULT_RECOMMENDER.vectors, enabled: false },
};

/** A shop where items sell independently of each other, with very uneven popularity: pairs carry no signal. */
function independentShop(seed: number, baskets = 3000): string[][] {
  const rng = new Rng(seed);
  const items = Array.from({ length: 120 }, (_, i) => `P${i}`);
  const weights = items.map((_, i) => 1 / Math.pow(i + 1, 1.1));
  const total = weights.reduce((a, b) => a + b, 0);
  const draw = () => {
    let r = rng.nextFloat() * total;
    for (const [i, w] of weights.entries()) if ((r -= w) <= 0) return items[i] as string;
    return items[items.length - 1] as string;
  };
  return Array.from({ length: baskets }, () => {
    const basket = new Set<string>();
    for (let size = 2 + rng.nextInt(4); basket.size < size;) basket.add(draw());
    return [...basket];
  });
}

/** A shop of 40 evenly selling pairs, each basket one pair plus now and then a random item: pairs are everything. */
function pairedShop(seed: number, baskets = 3000): string[][] {
  const rng = new Rng(seed);
  return Array.from({ length: baskets }, () => {
    const pair = rng.nextInt(40);
    const basket = [`L${pair}`, `R${pair}`];
    if (rng.nextFloat() < 0.3) basket.push(`L${rng.nextInt(40)}`);
    return basket;
  });
}

describe('tuneRecommender', () => {
  it('picks plain best sellers in a shop where items sell independently', () => {
    for (const seed of [1, 2, 3]) {
      const report = tuneRecommender(independentShop(seed), noVectors);
      expect(report.mode).toBe('validated');
      expect(report.chosen).toBe('popular');
      expect(report.settings.cooccurrence.enabled).toBe(false);
      expect(report.validationHr).toBe(report.popularityHr);
    }
  });

  it('picks co-occurrence where pairs carry the signal, far above best sellers', () => {
    const report = tuneRecommender(pairedShop(4), noVectors);
    expect(report.chosen).not.toBe('popular');
    expect(report.settings.cooccurrence.enabled).toBe(true);
    expect(report.validationHr ?? 0).toBeGreaterThan((report.popularityHr ?? 1) + 0.5);
    // Every candidate was scored on the same cases; the winner is the best of them or within noise of it.
    const best = Math.max(...report.scores.map((s) => s.hr));
    expect(report.validationHr ?? 0).toBeGreaterThan(best - 0.02);
  });

  it('is deterministic for a seed', () => {
    const shop = pairedShop(5);
    const strip = ({ seconds: _s, ...rest }: ReturnType<typeof tuneRecommender>) => rest;
    const a = tuneRecommender(shop, noVectors, { ...TUNER_DEFAULTS, seed: 9 });
    expect(strip(tuneRecommender(shop, noVectors, { ...TUNER_DEFAULTS, seed: 9 }))).toEqual(strip(a));
    const other = tuneRecommender(shop, noVectors, { ...TUNER_DEFAULTS, seed: 10 });
    expect(other.scores.map((s) => s.hr)).not.toEqual(a.scores.map((s) => s.hr));
  });

  it('validates on the most recent baskets it is given, and scoring queries elsewhere changes nothing', () => {
    const past = pairedShop(6);
    const strip = ({ seconds: _s, ...rest }: ReturnType<typeof tuneRecommender>) => rest;
    const before = tuneRecommender(past, noVectors);
    expect(before.heldBaskets).toBe(heldOutCount(past.length));
    expect(before.trainBaskets + before.heldBaskets).toBe(past.length);
    // Scoring a later period's queries on a trained model leaves no trace the tuner could pick up.
    const { built } = trainTuned(past, noVectors);
    const later = makeQueries(pairedShop(66, 500), built.recommender.vocab, 1);
    expect(evaluate(built.recommender, built.recommender.vocab, later).hr).toBeGreaterThan(0.5);
    expect(strip(tuneRecommender(past, noVectors))).toEqual(strip(before));
    // What it validates on is the tail of the baskets given: break the pairs there (only there) and the
    // validation figures collapse, although every candidate still trains on the same older baskets.
    const cut = before.trainBaskets;
    const broken = past.map((b, i) => (i < cut ? b : [`L${i % 40}`, `R${(i * 7 + 3) % 40}`]));
    const after = tuneRecommender(broken, noVectors);
    expect(after.trainBaskets).toBe(cut);
    expect(after.scores.find((s) => s.name === before.chosen)?.hr ?? 1).toBeLessThan((before.validationHr ?? 0) - 0.5);
  });

  it('falls back to the robust blend, and says so, when a shop is too small to validate', () => {
    const report = tuneRecommender(pairedShop(7, 400), DEFAULT_RECOMMENDER);
    expect(report.mode).toBe('fallback');
    expect(report.chosen).toBe('blend-sharp');
    expect(report.settings.vectors.enabled).toBe(false);
    expect(report.validationHr).toBeUndefined();
    expect(report.scores).toEqual([]);
  });

  it('tries item2vec on top of the best association graph and keeps it only if it wins beyond noise', () => {
    const small: HybridSettings = {
      ...DEFAULT_RECOMMENDER,
      vectors: { ...DEFAULT_RECOMMENDER.vectors, sgns: { ...DEFAULT_RECOMMENDER.vectors.sgns, dim: 8, epochs: 2 } },
    };
    const report = tuneRecommender(pairedShop(8), small);
    const vectors = report.scores.find((s) => s.name.endsWith('+vectors'));
    expect(vectors?.tier).toBe(3);
    const base = report.scores.find((s) => s.name === vectors?.name.replace('+vectors', ''));
    expect(base).toBeDefined();
    if (report.settings.vectors.enabled) expect(vectors?.hr ?? 0).toBeGreaterThan(base?.hr ?? 1);
    else expect(report.chosen).not.toContain('+vectors');
  });

  it('stops with an AbortError when asked to', () => {
    let polls = 0;
    expect(() => tuneRecommender(pairedShop(9), noVectors, TUNER_DEFAULTS, { shouldStop: () => ++polls > 2 })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });
});

describe('pairedStandardError', () => {
  it('is zero for identical results and clusters repeated draws of one basket', () => {
    const a = Uint8Array.from([1, 0, 1, 0]);
    expect(pairedStandardError(a, a, [0, 1, 2, 3])).toBe(0);
    const b = Uint8Array.from([0, 0, 1, 1]);
    // Differences 1, 0, 0, -1 (mean 0): independent cases vs the same two baskets drawn twice.
    expect(pairedStandardError(a, b, [0, 1, 2, 3])).toBeCloseTo(Math.sqrt((2 * 4) / 3) / 4, 12);
    expect(pairedStandardError(a, b, [0, 1, 0, 1])).toBeCloseTo(Math.sqrt((1 + 1) * 2) / 4, 12);
  });
});

describe('trainTuned', () => {
  it('reports progress to the end and retrains the winner on all baskets, recent ones included', () => {
    const shop = [...pairedShop(10), ['L1', 'NEWCOMER'], ['L1', 'NEWCOMER']];
    const seen: number[] = [];
    const { built, tuning } = trainTuned(shop, noVectors, { onProgress: (p) => seen.push(p.overall) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((v, i) => i === 0 || v >= (seen[i - 1] as number))).toBe(true);
    expect(built.recommender.settings).toEqual(tuning.settings);
    expect(built.recommender.vocab.index.has('NEWCOMER')).toBe(true);
    expect(built.recommender.recommend(['NEWCOMER'], 1)[0]?.code).toBe('L1');
  });
});
